/** Usage dates as the API takes them: yyyy-MM-dd Pacific-time days (see ../dates). */
import * as l10n from '@vscode/l10n';
import { isDay, toPacificDay } from '../dates';
import { FrameApiError } from '../http/errors';

/** yyyy-MM-dd for the API from a day string or a Date; a clear error for anything else. */
export function toApiDay(value: string | Date, what: 'start' | 'end'): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new FrameApiError(
        'invalid-request',
        what === 'start' ? l10n.t('The start date is not a valid date.') : l10n.t('The end date is not a valid date.'),
      );
    return toPacificDay(value);
  }
  if (!isDay(value)) {
    const text = String(value).slice(0, 40);
    throw new FrameApiError(
      'invalid-request',
      what === 'start'
        ? l10n.t('The start date "{0}" is not a valid yyyy-MM-dd date.', text)
        : l10n.t('The end date "{0}" is not a valid yyyy-MM-dd date.', text),
    );
  }
  return value;
}
