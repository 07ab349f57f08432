import { useQuery } from '@tanstack/react-query';

import { useAppDataProvider } from '../dataProvider';
import { localToday } from '../requests/presentation';

/**
 * Today in the desk's BUSINESS_TIME_ZONE, as the server counts it for "not in the future"; the
 * browser's date only if the server cannot be asked. Undefined while it loads.
 */
export const useDeskToday = (): { today: string; timeZone?: string } | undefined => {
  const dataProvider = useAppDataProvider();
  const { data, isError } = useQuery({
    queryKey: ['requests', 'entry-defaults'],
    queryFn: () => dataProvider.getEntryDefaults(),
    staleTime: 60_000,
  });
  if (data) return { today: data.today, timeZone: data.timeZone };
  if (isError) return { today: localToday(), timeZone: undefined };
  return undefined;
};
