/** What a request answered: shared by the transport and the failure builders (./failures). */
export interface HttpResponse<T> {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The URL that finally answered (after redirects). */
  url: URL;
  body: T;
  /**
   * Removes every credential this request sent from text of the response, for error messages
   * built from it later (validation): see ./redact.
   */
  redact: (text: string) => string;
}
