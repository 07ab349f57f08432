import { useQuery } from '@tanstack/react-query';

import { useAppDataProvider } from '../dataProvider';
import { deskToday, getDeskTimeZone } from './desk-dates';

/**
 * Today in the desk's BUSINESS_TIME_ZONE, as the server's clock counts it for "not in the future";
 * from the session's desk zone if the server cannot be asked. Undefined while it loads.
 */
export const useDeskToday = (): { today: string; timeZone?: string } | undefined => {
  const dataProvider = useAppDataProvider();
  const { data, isError } = useQuery({
    queryKey: ['requests', 'entry-defaults'],
    queryFn: () => dataProvider.getEntryDefaults(),
    staleTime: 60_000,
  });
  if (data) return { today: data.today, timeZone: data.timeZone };
  if (isError) return { today: deskToday(), timeZone: getDeskTimeZone() };
  return undefined;
};
