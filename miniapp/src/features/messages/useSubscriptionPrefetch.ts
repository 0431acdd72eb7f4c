import { useEffect } from 'react';
import { prefetchSubscriptionTemplates } from './subscriptions';

/** On pages with a moment to ask for subscriptions: have the template ids ready before the tap. */
export function useSubscriptionPrefetch(): void {
  useEffect(() => {
    void prefetchSubscriptionTemplates();
  }, []);
}
