import { focusScrollers } from '../src/lib/scrollFocus';

describe('boxes that scroll sideways', () => {
  afterEach(() => vi.restoreAllMocks());
  it('can be focused when they scroll and hold nothing focusable', () => {
    document.body.innerHTML = `
      <div class="ant-table-content" id="wide"><table><tr><td>1</td></tr></table></div>
      <div class="ant-table-content" id="narrow"><table><tr><td>1</td></tr></table></div>
      <div class="ant-table-content" id="links"><a href="/x">x</a></div>`;
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockImplementation(function (this: HTMLElement) {
      return this.id === 'narrow' ? 300 : 900;
    });
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(300);
    focusScrollers(document);
    expect(document.getElementById('wide')!.getAttribute('tabindex')).toBe('0');
    expect(document.getElementById('narrow')!.hasAttribute('tabindex')).toBe(false);
    expect(document.getElementById('links')!.hasAttribute('tabindex')).toBe(false);
  });
});
