import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import dayjs from 'dayjs';
import { LazyDatePicker } from '../src/components/LazyDatePicker';
import { MenuButton } from '../src/components/MenuButton';
import { Panel } from '../src/components/Panel';

// Widgets kept out of the first screens (scripts/postbuild.mjs): they load on first use and
// must behave like the component library's own.
describe('widgets loaded on demand', () => {
  it('a menu button opens its menu on the first click and runs the chosen item', async () => {
    const chosen = vi.fn();
    render(
      <MenuButton items={[{ key: 'a', label: 'Mục A', onClick: chosen }, { key: 'b', label: 'Mục B' }]}>
        <button type="button">Mở menu</button>
      </MenuButton>,
    );
    const button = screen.getByRole('button', { name: 'Mở menu' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    const item = await screen.findByRole('menuitem', { name: 'Mục A' }, { timeout: 10_000 });
    expect(screen.getByRole('button', { name: 'Mở menu' }).getAttribute('aria-expanded')).toBe('true');
    // The opened menu keeps the focus (its first item), even though the button was rebuilt.
    await waitFor(() => expect(document.activeElement).toBe(item));
    fireEvent.click(item);
    expect(chosen).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Mở menu' }).getAttribute('aria-expanded')).toBe('false'));
    // and gives it back to the button.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Mở menu' }));
  });

  it('a date picker shows its value at once, then becomes the real picker', async () => {
    const changed = vi.fn();
    const { container } = render(
      <>
        <label htmlFor="d">Ngày</label>
        <LazyDatePicker id="d" value={dayjs('2026-11-23')} format="DD/MM/YYYY" onChange={changed} />
      </>,
    );
    expect((screen.getByLabelText('Ngày') as HTMLInputElement).value).toBe('23/11/2026');
    await waitFor(() => expect(container.querySelector('.ant-picker')).not.toBeNull(), { timeout: 10_000 });
    expect((screen.getByLabelText('Ngày') as HTMLInputElement).value).toBe('23/11/2026');
  });

  it('a panel shows its heading, actions and content', () => {
    render(
      <Panel title={<h2>Tiêu đề</h2>} extra={<button type="button">Tải</button>} testId="p">
        Nội dung
      </Panel>,
    );
    expect(screen.getByTestId('p').textContent).toBe('Tiêu đềTảiNội dung');
    expect(screen.getByRole('heading', { name: 'Tiêu đề' })).toBeTruthy();
  });
});
