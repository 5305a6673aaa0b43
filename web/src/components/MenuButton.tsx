// A button that opens a menu (the component library's Dropdown). The menu code loads on the
// first click, so it stays out of the first screen: the account menu and the chart downloads
// are opened far less often than the pages they sit on are shown. As a menu button should, an
// opened menu takes the focus (its first item; the trigger is rebuilt when the menu code
// arrives, so the focus would otherwise be lost) and gives it back to the button when it closes.
import type { MenuProps } from 'antd';
import { Suspense, cloneElement, lazy, useEffect, useId, useState, type MouseEvent, type ReactElement } from 'react';

const Dropdown = lazy(() => import('antd/es/dropdown'));

interface TriggerProps {
  onClick?: (e: MouseEvent) => void;
  'aria-haspopup'?: 'menu';
  'aria-expanded'?: boolean;
  'aria-controls'?: string;
  'data-menu-trigger'?: string;
}

export function MenuButton({ items, children }: { items: NonNullable<MenuProps['items']>; children: ReactElement<TriggerProps> }) {
  const [loaded, setLoaded] = useState(false);
  const [open, setOpen] = useState(false);
  const menuId = `menu-${useId().replace(/:/g, '')}`;
  const trigger = cloneElement(children, {
    'aria-haspopup': 'menu',
    'aria-expanded': open,
    ...(open ? { 'aria-controls': menuId } : {}),
    'data-menu-trigger': menuId,
    ...(loaded
      ? {}
      : {
          onClick: () => {
            setLoaded(true);
            setOpen(true);
          },
        }),
  });

  useEffect(() => {
    if (!open || !loaded) return;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const focus = () => {
      const first = document.getElementById(menuId)?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])');
      if (first) first.focus();
      else if (tries++ < 100) timer = setTimeout(focus, 20);
    };
    focus();
    return () => clearTimeout(timer);
  }, [open, loaded, menuId]);

  const change = (next: boolean) => {
    setOpen(next);
    if (next) return;
    // Back to the button when the focus was in the menu (Escape, a chosen item), not after a click elsewhere.
    const active = document.activeElement;
    if (!active || active === document.body || document.getElementById(menuId)?.contains(active))
      document.querySelector<HTMLElement>(`[data-menu-trigger="${menuId}"]`)?.focus();
  };

  if (!loaded) return trigger;
  return (
    <Suspense fallback={trigger}>
      <Dropdown trigger={['click']} open={open} onOpenChange={change} menu={{ id: menuId, items, onClick: () => change(false) }}>
        {trigger}
      </Dropdown>
    </Suspense>
  );
}
