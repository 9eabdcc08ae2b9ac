/** Usage dates as the API takes them: yyyy-MM-dd Pacific-time days (see ../dates). */
import { isDay, toPacificDay } from '../dates';
import { FrameApiError } from '../http/errors';

/** yyyy-MM-dd for the API from a day string or a Date; a clear error for anything else. */
export function toApiDay(value: string | Date, what: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new FrameApiError('invalid-request', `The ${what} date is not a valid date.`);
    return toPacificDay(value);
  }
  if (!isDay(value))
    throw new FrameApiError('invalid-request', `The ${what} date "${String(value).slice(0, 40)}" is not a valid yyyy-MM-dd date.`);
  return value;
}
