// A button that opens a menu (the component library's Dropdown). The menu code loads on the
// first click, so it stays out of the first screen: the account menu and the chart downloads
// are opened far less often than the pages they sit on are shown.
import type { MenuProps } from 'antd';
import { Suspense, cloneElement, lazy, useState, type MouseEvent, type ReactElement } from 'react';

const Dropdown = lazy(() => import('antd/es/dropdown'));

interface TriggerProps {
  onClick?: (e: MouseEvent) => void;
  'aria-haspopup'?: 'menu';
  'aria-expanded'?: boolean;
}

export function MenuButton({ items, children }: { items: NonNullable<MenuProps['items']>; children: ReactElement<TriggerProps> }) {
  const [loaded, setLoaded] = useState(false);
  const [open, setOpen] = useState(false);
  const trigger = cloneElement(children, {
    'aria-haspopup': 'menu',
    'aria-expanded': open,
    ...(loaded
      ? {}
      : {
          onClick: () => {
            setLoaded(true);
            setOpen(true);
          },
        }),
  });
  if (!loaded) return trigger;
  return (
    <Suspense fallback={trigger}>
      <Dropdown trigger={['click']} open={open} onOpenChange={setOpen} menu={{ items, onClick: () => setOpen(false) }}>
        {trigger}
      </Dropdown>
    </Suspense>
  );
}
