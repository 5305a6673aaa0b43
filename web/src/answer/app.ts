// The survey answer page (/s/{token}): a cooperative answers its campaign's questionnaire on any
// phone, without signing in. Plain DOM: the page is built once per language and only shown,
// hidden and marked afterwards (typing never rebuilds it). The answers are kept on the device on
// every change; sent when online, else queued and sent on the `online` event or the next load.
import { answerable, answersToSend, asked, dayOf, problems, stateFromAnswers, vietnamTime, type FormState, type Problem } from './logic';
import { load, save, savedLang, saveLang, type Kept } from './store';
import { LIKERT, say, type TextKey } from './texts';
import type { AnswerPage, Choice, Label, Question, Receipt } from './types';

type Lang = 'vi' | 'en';
type Tone = 'info' | 'success' | 'warning' | 'error';

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: { field: string; code: string; message: string }[]; [k: string]: unknown };
  [k: string]: unknown;
}

/** Builds an element: `h('p', { class: 'x' }, 'text', child)`. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A value of the error body: in `error` (the project's shape) or beside it. */
function detail(body: ErrorBody | null, name: string): string | undefined {
  const e = body?.error as Record<string, unknown> | undefined;
  const found = e?.[name] ?? (e?.details as Record<string, unknown> | undefined)?.[name] ?? body?.[name];
  return typeof found === 'string' ? found : undefined;
}

async function readJson(r: Response): Promise<unknown> {
  try {
    const text = await r.text();
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export interface AnswerApp {
  /** Resolves when the first load (and a queued send it starts) is over. */
  ready: Promise<void>;
  /** Stops listening to `online` (tests). */
  stop(): void;
}

export function start(root: HTMLElement, token: string): AnswerApp {
  let lang: Lang = savedLang() ?? 'vi';
  let page: AnswerPage | null = null;
  let state: FormState = {};
  let kept: Kept = {};
  const errors = new Map<string, { problem?: Problem; message?: string }>();
  let sending = false;
  let form: HTMLFormElement | null = null;
  let status: HTMLElement | null = null;
  let notice: HTMLElement | null = null;
  let restored = false;
  let statusNow: { tone: Tone; text: string; list?: string[] } | null = null;
  // The questionnaire could not be loaded for want of a connection: loaded again when it is back.
  let retryable = false;
  // A signed-in cooperative's session: its CSRF token goes with the POST (never kept on the device).
  let csrf: string | undefined;

  const label = (l: Label | undefined) => (l ? (lang === 'en' && l.en?.trim() ? l.en : l.vi) : '');
  const tr = (key: TextKey, args?: Record<string, string | number>) => say(lang, key, args);

  const keep = () => save(token, kept);

  // ---- Loading ------------------------------------------------------------------------------

  async function fetchPage(): Promise<void> {
    if (!token) return fail(tr('noToken'));
    kept = load(token);
    let r: Response;
    try {
      r = await fetch(`/s/${encodeURIComponent(token)}`, { headers: { Accept: 'application/json', 'Accept-Language': lang }, credentials: 'same-origin' });
    } catch {
      // No connection: the questionnaire received last time, if any.
      if (kept.page) return show(kept.page);
      return fail(tr('loadFailed'), true);
    }
    const body = await readJson(r);
    if (!r.ok) {
      const err = body as ErrorBody | null;
      if (r.status === 404) return fail(tr('unknown'));
      if (r.status === 410) return fail(tr('closed', { date: dayOf(detail(err, 'closes_on') ?? kept.page?.campaign.closes_on ?? '') }));
      if (r.status === 409) return fail(tr('notOpen', { date: dayOf(detail(err, 'opens_on') ?? kept.page?.campaign.opens_on ?? '') }));
      if (r.status === 429) return fail(tr('throttled'), true);
      if (kept.page) return show(kept.page);
      return fail(err?.error?.message ?? tr('loadFailed'), true);
    }
    const { csrf_token: session, ...received } = body as AnswerPage & { csrf_token?: string };
    csrf = session;
    kept.page = received;
    keep();
    show(received);
  }

  function fail(text: string, retry = false) {
    retryable = retry;
    root.replaceChildren(
      header(),
      h(
        'main',
        { class: 'sv-main', id: 'sv-main' },
        h('div', { class: 'sv-box sv-error', role: 'alert', 'data-testid': 'answer-failed' }, text),
        retry && button(tr('retry'), () => void reload()),
      ),
    );
  }

  function button(text: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'sv-button' }, text);
    b.addEventListener('click', onClick);
    return b;
  }

  async function reload() {
    root.replaceChildren(h('p', { class: 'sv-loading' }, tr('loading')));
    await fetchPage();
  }

  function show(received: AnswerPage) {
    page = received;
    if (kept.draft) {
      state = { ...kept.draft.state };
      restored = true;
    } else {
      state = received.response ? stateFromAnswers(received.questionnaire, received.response.answers, lang) : {};
    }
    render();
  }

  // ---- Rendering ----------------------------------------------------------------------------

  function header(): HTMLElement {
    const other: Lang = lang === 'vi' ? 'en' : 'vi';
    // The visible name first: an accessible name must contain the text shown (WCAG 2.5.3, axe).
    const named = `${tr('switchTo')} — ${tr('switchLabel')}`;
    const switcher = h('button', { type: 'button', class: 'sv-lang', lang: other, 'aria-label': named, 'data-testid': 'answer-lang' }, tr('switchTo'));
    switcher.addEventListener('click', () => {
      lang = other;
      saveLang(lang);
      if (page) render();
      else void reload();
    });
    return h('header', { class: 'sv-head' }, h('span', { class: 'sv-org' }, tr('org')), switcher);
  }

  function render() {
    if (!page) return;
    document.documentElement.lang = lang;
    const p = page;
    const title = label(p.campaign.title) || label(p.questionnaire.title);
    document.title = `${title} — ${tr('org')}`;
    const open = p.campaign.status === 'open';
    notice = h('div', { class: 'sv-notices', 'data-testid': 'answer-notice' });
    status = h('div', { class: 'sv-status', role: 'status', 'aria-live': 'polite', tabindex: '-1', 'data-testid': 'answer-status' });
    form = h('form', { class: 'sv-form', novalidate: true, 'data-testid': 'answer-form' });
    const all = h('fieldset', { class: 'sv-all', disabled: p.campaign.status === 'closed' });
    form.append(h('p', { class: 'sv-muted' }, tr('requiredNote')), all);
    for (const section of p.questionnaire.sections) {
      const box = h('section', { class: 'sv-section', id: `s-${section.name}`, 'data-section': section.name });
      const heading = label(section.label);
      if (heading) box.append(h('h2', {}, heading));
      for (const q of section.questions) box.append(question(q));
      all.append(box);
    }
    const send = h('button', { type: 'submit', class: 'sv-send', disabled: !open || sending, 'data-testid': 'answer-send' }, sending ? tr('sending') : p.response ? tr('sendAgain') : tr('send'));
    form.append(status, send);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void submit();
    });
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    root.replaceChildren(
      header(),
      h(
        'main',
        { class: 'sv-main', id: 'sv-main' },
        h('h1', {}, title),
        label(p.questionnaire.title) !== title ? h('p', { class: 'sv-sub' }, label(p.questionnaire.title)) : null,
        h('p', { class: 'sv-entity' }, `${tr('entity')}: `, h('strong', { 'data-testid': 'answer-entity' }, p.entity.name)),
        h('p', { class: 'sv-muted', 'data-testid': 'answer-closes' }, tr('closes', { date: dayOf(p.campaign.closes_on) })),
        notice,
        form,
      ),
    );
    showNotices();
    refresh();
    for (const [name, e] of errors) mark(name, e.message ?? (e.problem ? tr(`problem.${e.problem}`) : ''));
    if (statusNow) setStatus(statusNow.tone, statusNow.text, statusNow.list);
  }

  function showNotices() {
    if (!notice || !page) return;
    const items: HTMLElement[] = [];
    const c = page.campaign;
    if (c.status === 'closed') items.push(h('p', { class: 'sv-box sv-warning' }, tr('closed', { date: dayOf(c.closes_on) })));
    else if (c.status === 'scheduled') items.push(h('p', { class: 'sv-box sv-warning' }, tr('notOpen', { date: dayOf(c.opens_on) })));
    if (page.response) {
      const [time, date] = vietnamTime(page.response.updated_at || page.response.received_at);
      items.push(h('p', { class: 'sv-box sv-success', 'data-testid': 'answer-received' }, tr('received', { time, date, closes: dayOf(c.closes_on) })));
    }
    if (restored && !kept.draft?.queued) items.push(h('p', { class: 'sv-box sv-info' }, tr('restored')));
    notice.replaceChildren(...items);
  }

  const ids = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ') || undefined;

  function question(q: Question): HTMLElement {
    const hint = label(q.hint);
    const hintId = hint || q.type === 'decimal' ? `h-${q.name}` : undefined;
    const hintText = [hint, q.type === 'decimal' ? tr('decimalHint') : ''].filter(Boolean).join(' ');
    const req = q.required && answerable(q) ? h('span', { class: 'sv-req' }, h('span', { 'aria-hidden': 'true' }, ' *'), h('span', { class: 'sv-vh' }, ` ${tr('required')}`)) : null;
    const hintEl = hintId ? h('p', { class: 'sv-hint', id: hintId }, hintText) : null;
    const errEl = h('p', { class: 'sv-error-text', id: `e-${q.name}`, hidden: true });
    const box = h('div', { class: `sv-q sv-${q.type}`, id: `q-${q.name}`, 'data-question': q.name });
    if (q.type === 'note') {
      box.append(h('p', { class: 'sv-note-text' }, label(q.label)), hintEl ?? '');
      return box;
    }
    if (q.type === 'likert' || q.type === 'single' || q.type === 'multiple' || q.type === 'yes_no') {
      const set = h('fieldset', { class: 'sv-choices', 'data-hint': hintId, 'aria-describedby': hintId });
      set.append(h('legend', {}, label(q.label), req), hintEl ?? '');
      const list = h('div', { class: 'sv-options' });
      const value = state[q.name];
      choices(q).forEach((c, i) => {
        const id = `i-${q.name}-${i}`;
        const checked = q.type === 'multiple' ? Array.isArray(value) && value.includes(c.name) : value === c.name;
        const input = h('input', { type: q.type === 'multiple' ? 'checkbox' : 'radio', name: q.name, id, value: c.name, checked });
        const text = q.type === 'likert' ? [h('span', { class: 'sv-scale', 'aria-hidden': 'true' }, c.name), h('span', {}, label(c.label))] : [h('span', {}, label(c.label))];
        list.append(h('label', { class: 'sv-option', for: id }, input, ...text));
      });
      set.append(list, errEl);
      box.append(set);
      return box;
    }
    const id = `i-${q.name}`;
    const common = { id, name: q.name, 'aria-describedby': hintId, 'data-hint': hintId, ...(q.required ? { 'aria-required': 'true' } : {}) };
    const value = typeof state[q.name] === 'string' ? (state[q.name] as string) : '';
    let input: HTMLInputElement | HTMLTextAreaElement;
    if (q.type === 'long_text') {
      input = h('textarea', { ...common, rows: '5', maxlength: '5000' });
    } else if (q.type === 'integer' || q.type === 'decimal') {
      input = h('input', { ...common, type: 'text', inputmode: q.type === 'integer' ? 'numeric' : 'decimal', autocomplete: 'off', class: 'sv-number' });
    } else {
      input = h('input', { ...common, type: 'text', maxlength: '500' });
    }
    input.value = value;
    box.append(h('label', { class: 'sv-label', for: id }, label(q.label), req), hintEl ?? '', input, errEl);
    return box;
  }

  function choices(q: Question): Choice[] {
    if (q.choices?.length) {
      if (q.type !== 'likert') return q.choices;
      // A likert choice without wording takes the usual five words.
      return q.choices.map((c, i) => (c.label?.vi ? c : { name: c.name, label: { vi: LIKERT.vi[i] ?? c.name, en: LIKERT.en[i] ?? c.name } }));
    }
    if (q.type === 'likert') return LIKERT.vi.map((vi, i) => ({ name: String(i + 1), label: { vi, en: LIKERT.en[i] } }));
    if (q.type === 'yes_no')
      return [
        { name: 'yes', label: { vi: say('vi', 'yes'), en: say('en', 'yes') } },
        { name: 'no', label: { vi: say('vi', 'no'), en: say('en', 'no') } },
      ];
    return [];
  }

  /** Shows the sections and questions asked, hides the others. */
  function refresh() {
    if (!page || !form) return;
    const shown = asked(page.questionnaire, state);
    for (const el of form.querySelectorAll<HTMLElement>('[data-section]')) el.hidden = !shown.sections.has(el.dataset.section!);
    for (const el of form.querySelectorAll<HTMLElement>('[data-question]')) el.hidden = !shown.questions.has(el.dataset.question!);
  }

  /** Marks a question as wrong (or clears it): the text under it, linked to its field. */
  function mark(name: string, text: string | null) {
    const box = form?.querySelector<HTMLElement>(`#q-${name}`);
    const err = box?.querySelector<HTMLElement>(`#e-${name}`);
    if (!box || !err) return;
    err.textContent = text ?? '';
    err.hidden = !text;
    box.classList.toggle('sv-q-error', !!text);
    const target = box.querySelector<HTMLElement>('fieldset, input:not([type=radio]):not([type=checkbox]), textarea');
    if (target) {
      target.setAttribute('aria-describedby', ids(target.dataset.hint, text ? err.id : undefined) ?? '');
      if (!target.getAttribute('aria-describedby')) target.removeAttribute('aria-describedby');
      if (target.tagName !== 'FIELDSET') {
        if (text) target.setAttribute('aria-invalid', 'true');
        else target.removeAttribute('aria-invalid');
      }
    }
  }

  function setStatus(tone: Tone | null, text = '', list?: string[]) {
    statusNow = tone ? { tone, text, list } : null;
    if (!status) return;
    status.className = tone ? `sv-status sv-box sv-${tone}` : 'sv-status';
    status.setAttribute('role', tone === 'error' || tone === 'warning' ? 'alert' : 'status');
    const parts: HTMLElement[] = [];
    if (tone) parts.push(h('p', {}, text));
    if (tone && list?.length) parts.push(h('ul', {}, ...list.map((x) => h('li', {}, x))));
    status.replaceChildren(...parts);
  }

  // ---- Changes ------------------------------------------------------------------------------

  function changed(e: Event) {
    const input = e.target as HTMLInputElement | HTMLTextAreaElement;
    const name = input.name;
    if (!name || !page) return;
    if (input instanceof HTMLInputElement && input.type === 'checkbox') {
      state[name] = [...form!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((x) => x.value);
    } else if (input instanceof HTMLInputElement && input.type === 'radio') {
      if (!input.checked) return;
      state[name] = input.value;
    } else {
      state[name] = input.value;
    }
    kept.draft = { state, queued: kept.draft?.queued ?? false, saved_at: new Date().toISOString() };
    keep();
    refresh();
    // A question marked wrong is checked again as it is answered.
    if (errors.has(name)) {
      const now = problems(page.questionnaire, state).get(name);
      if (now) {
        errors.set(name, { problem: now });
        mark(name, tr(`problem.${now}`));
      } else if (e.type === 'change' || errors.get(name)?.problem) {
        errors.delete(name);
        mark(name, null);
      }
    }
  }

  function focusQuestion(name: string) {
    const box = form?.querySelector<HTMLElement>(`#q-${name}`);
    if (!box) return;
    box.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    box.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
  }

  function showStatusAndScroll() {
    status?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    status?.focus({ preventScroll: true });
  }

  // ---- Sending ------------------------------------------------------------------------------

  function queue() {
    kept.draft = { state, queued: true, saved_at: new Date().toISOString() };
    keep();
    showNotices();
    setStatus('warning', tr('offline'));
    showStatusAndScroll();
  }

  function setSending(on: boolean) {
    sending = on;
    const b = form?.querySelector<HTMLButtonElement>('.sv-send');
    if (b && page) {
      b.disabled = on || page.campaign.status !== 'open';
      b.textContent = on ? tr('sending') : page.response ? tr('sendAgain') : tr('send');
    }
  }

  async function submit(auto = false): Promise<void> {
    if (!page || sending) return;
    const p = page;
    for (const name of errors.keys()) mark(name, null);
    errors.clear();
    const found = problems(p.questionnaire, state);
    if (found.size) {
      for (const [name, problem] of found) {
        errors.set(name, { problem });
        mark(name, tr(`problem.${problem}`));
      }
      setStatus('error', tr('fix', { count: found.size }));
      if (!auto) focusQuestion([...found.keys()][0]);
      return;
    }
    const answers = answersToSend(p.questionnaire, state);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return queue();
    setSending(true);
    let r: Response;
    try {
      r = await fetch(`/s/${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'Accept-Language': lang,
          ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
        },
        body: JSON.stringify({ campaign_id: p.campaign.id, answers }),
        credentials: 'same-origin',
      });
    } catch {
      setSending(false);
      return queue();
    }
    const body = await readJson(r);
    setSending(false);
    if (r.ok) {
      const receipt = body as Receipt;
      p.response = { answers, received_at: receipt.received_at, updated_at: receipt.updated_at };
      delete kept.draft;
      kept.page = p;
      keep();
      restored = false;
      const [time, date] = vietnamTime(receipt.updated_at || receipt.received_at);
      render();
      setStatus('success', tr(receipt.updated ? 'updatedNow' : 'receivedNow', { time, date }));
      showStatusAndScroll();
      return;
    }
    const err = body as ErrorBody | null;
    // Refused: nothing more to wait for (the answers stay on the device, not queued).
    const unqueue = () => {
      if (kept.draft) {
        kept.draft.queued = false;
        keep();
      }
    };
    if (r.status === 422 && err?.error?.fields?.length) {
      unqueue();
      const general: string[] = [];
      let first: string | null = null;
      for (const f of err.error.fields) {
        const name = f.field.startsWith('answers.') ? f.field.slice('answers.'.length) : '';
        if (name && form?.querySelector(`#q-${name}`)) {
          errors.set(name, { message: f.message });
          mark(name, f.message);
          first ??= name;
        } else general.push(f.message);
      }
      setStatus('error', err.error.message ?? tr('fix', { count: err.error.fields.length }), general);
      if (first && !auto) focusQuestion(first);
      else showStatusAndScroll();
      return;
    }
    if (r.status === 410) {
      unqueue();
      setStatus('error', tr('closed', { date: dayOf(detail(err, 'closes_on') ?? p.campaign.closes_on) }));
    } else if (r.status === 409) {
      unqueue();
      setStatus('error', tr('notOpen', { date: dayOf(detail(err, 'opens_on') ?? p.campaign.opens_on) }));
    } else if (r.status === 404) {
      unqueue();
      setStatus('error', tr('unknown'));
    } else if (r.status === 429) {
      setStatus('error', tr('throttled'));
    } else {
      setStatus('error', err?.error?.message && r.status < 500 ? err.error.message : tr('serverError'));
    }
    showStatusAndScroll();
  }

  // ---- Start --------------------------------------------------------------------------------

  const online = () => {
    if (page && kept.draft?.queued) void submit(true);
    else if (!page && retryable) void reload();
  };
  window.addEventListener('online', online);
  const ready = (async () => {
    await fetchPage();
    if (page && kept.draft?.queued) {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        setStatus('warning', tr('offline'));
      } else {
        await submit(true);
      }
    }
  })();
  return { ready, stop: () => window.removeEventListener('online', online) };
}
