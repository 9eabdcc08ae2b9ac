/**
 * Busy hours, the hours a pool is sized for: clock hours with at least this share of the starts
 * of the key's busiest hour. "Any hour with a start" made a stray 3 a.m. login a busy hour, and
 * the advisor's buffer (the busy-hour p95 of 2-minute starts) 1 on any real pool.
 */
export const BUSY_HOUR_SHARE = 0.5;
