import { useCallback, useEffect, useRef, useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { followStaffSignIn } from '../staff/staff-navigation';
import { fetchReminderStats } from './api';
import { rangeEndingToday, type RangeDays } from './stats';

/** 消息提醒 statistics over the last 7, 30 or 90 days (China days). */
export function useReminderStats() {
  const [days, setDays] = useState<RangeDays>(7);
  const daysRef = useRef(days);
  daysRef.current = days;
  const stats = useRemote(
    useCallback(() => fetchReminderStats(rangeEndingToday(daysRef.current, new Date())), []),
    followStaffSignIn,
  );
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void stats.reload();
  }, [days, stats.reload]);
  return { days, setDays, stats };
}

export type ReminderStatsModel = ReturnType<typeof useReminderStats>;
