// The start page preference: the first time the overview opens in a browser session without a
// question of its own (no query), a user whose start page is a saved view is taken there instead.
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { listViews, viewHref } from './api';

const KEY = 'hoptac.startViewApplied';

export function useStartView(enabled: boolean): void {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!enabled || location.search || sessionStorage.getItem(KEY)) return;
    sessionStorage.setItem(KEY, '1');
    // Not aborted on unmount: the answer is wanted once, whatever happens to this render.
    listViews()
      .then((list) => {
        const view = list.items.find((v) => v.id === list.start_view_id);
        if (view) navigate(viewHref(view), { replace: true });
      })
      .catch(() => undefined);
    // Once per session: later visits of the overview are the overview.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled]);
}
