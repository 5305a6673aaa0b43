// A headline value that does not fit its card shows the compact form, keeping the exact value in
// the tooltip and for screen readers.
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Kpi } from './Kpi';

function widths(room: number) {
  // jsdom lays nothing out: a card `room` px wide, digits 15 px, other characters 10 px.
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('kpi-value') ? room : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return [...(this.textContent ?? '')].reduce((w, c) => w + (/\d/.test(c) ? 15 : 10), 0);
  });
}

const show = () =>
  render(
    <MemoryRouter>
      <Kpi testId="k" label="Thành viên" value="10.012.978" compact="10,01 triệu" href="/registry" linkLabel="Thành viên: 10.012.978 — xem danh sách" />
    </MemoryRouter>,
  );

describe('headline card', () => {
  afterEach(() => vi.restoreAllMocks());
  it('shows the exact value when it fits', () => {
    widths(300);
    show();
    expect(screen.getByTestId('k-value').textContent).toBe('10.012.978');
    expect(screen.getByRole('link', { name: 'Thành viên: 10.012.978 — xem danh sách' }).getAttribute('href')).toBe('/registry');
  });
  it('shows the compact form when it does not, the exact one in the tooltip', () => {
    widths(135); // the exact value is 140 px, the compact one 130
    show();
    const value = screen.getByTestId('k-value');
    expect(value.textContent).toBe('10,01 triệu');
    expect(value.getAttribute('title')).toBe('10.012.978');
    expect(screen.getByRole('link').getAttribute('title')).toBe('10.012.978');
    expect(screen.getByRole('link', { name: 'Thành viên: 10.012.978 — xem danh sách' })).toBeTruthy();
  });
  it('makes the compact form smaller when even that does not fit', () => {
    widths(100);
    show();
    expect(screen.getByTestId('k-value').textContent).toBe('10,01 triệu');
    expect(screen.getByTestId('k-value').closest('.kpi-value')!.classList.contains('small')).toBe(true);
  });
});
