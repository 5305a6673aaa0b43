import { QUESTIONNAIRE } from './fixtures';
import { answersToSend, asked, holds, parseNumber, problems, stateFromAnswers, tokenOf, vietnamTime } from './logic';

describe('the answer page’s rules', () => {
  it('read numbers as people type them', () => {
    expect(parseNumber('2,5', false)).toBe(2.5);
    expect(parseNumber('2.5', false)).toBe(2.5);
    expect(parseNumber(' 1.234,5 ', false)).toBe(1234.5);
    expect(parseNumber('1,234.5', false)).toBe(1234.5);
    expect(parseNumber('-0,75', false)).toBe(-0.75);
    expect(parseNumber('', false)).toBeUndefined();
    expect(parseNumber('hai', false)).toBeNull();
    expect(parseNumber('1.200', true)).toBe(1200);
    expect(parseNumber('1 200', true)).toBe(1200);
    expect(parseNumber('12', true)).toBe(12);
    expect(parseNumber('12,5', true)).toBeNull();
  });

  it('evaluate conditions: comparisons, selected, and/or/not, unanswered as empty', () => {
    const state: Record<string, string | string[]> = { a: 'no', n: '120', m: ['x', 'y'], d: '2,5' };
    const look = (name: string) => state[name] ?? '';
    expect(holds({ op: '=', ref: 'a', value: 'no' }, look)).toBe(true);
    expect(holds({ op: '!=', ref: 'a', value: 'no' }, look)).toBe(false);
    expect(holds({ op: '>=', ref: 'n', value: '100', numeric: true }, look)).toBe(true);
    expect(holds({ op: '<', ref: 'n', value: '100', numeric: true }, look)).toBe(false);
    expect(holds({ op: '>', ref: 'd', value: '2', numeric: true }, look)).toBe(true);
    expect(holds({ op: '<=', ref: 'd', value: 2.5, numeric: true }, look)).toBe(true);
    expect(holds({ op: '=', ref: 'n', value: '120.0', numeric: true }, look)).toBe(true);
    expect(holds({ op: 'selected', ref: 'm', value: 'y' }, look)).toBe(true);
    expect(holds({ op: 'selected', ref: 'm', value: 'z' }, look)).toBe(false);
    expect(holds({ op: '=', ref: 'missing', value: '' }, look)).toBe(true);
    expect(holds({ op: '!=', ref: 'missing', value: '' }, look)).toBe(false);
    expect(holds({ op: '<', ref: 'missing', value: '3', numeric: true }, look)).toBe(false);
    expect(holds({ op: 'and', args: [{ op: '=', ref: 'a', value: 'no' }, { op: 'not', args: [{ op: 'selected', ref: 'm', value: 'x' }] }] }, look)).toBe(false);
    expect(holds({ op: 'or', args: [{ op: '=', ref: 'a', value: 'yes' }, { op: 'selected', ref: 'm', value: 'x' }] }, look)).toBe(true);
    expect(holds(null, look)).toBe(true);
  });

  it('ask the sections and questions whose conditions hold; a question not asked counts as unanswered', () => {
    const none = asked(QUESTIONNAIRE, {});
    expect([...none.sections]).toEqual(['s1', 's3']);
    expect(none.questions.has('kinds')).toBe(false);
    expect(none.questions.has('big')).toBe(false);
    const yes = asked(QUESTIONNAIRE, { supported: 'yes', kinds: ['training'], members: '150' });
    expect([...yes.sections]).toEqual(['s1', 's2', 's3']);
    expect(['kinds', 'q_training', 'q_overall', 'big'].every((q) => yes.questions.has(q))).toBe(true);
    expect(yes.questions.has('why_not')).toBe(false);
    // "kinds" hidden (supported = no): its ticks no longer open q_training.
    const no = asked(QUESTIONNAIRE, { supported: 'no', kinds: ['training'], members: '150' });
    expect(no.sections.has('s2')).toBe(false);
    expect(no.questions.has('why_not')).toBe(true);
    expect(no.questions.has('big')).toBe(false);
  });

  it('send the asked questions’ answers only, typed as the API wants them', () => {
    const state = { members: '1.200', revenue: '3,75', supported: 'no', kinds: ['credit'], why_not: '  Chưa biết  ', q_overall: '4', comments: '' };
    expect(answersToSend(QUESTIONNAIRE, state)).toEqual({ members: 1200, revenue: 3.75, supported: 'no', why_not: 'Chưa biết' });
    const yes = { members: '12', supported: 'yes', kinds: ['training', 'market'], q_training: '5', q_overall: '4', channel: 'zalo' };
    expect(answersToSend(QUESTIONNAIRE, yes)).toEqual({ members: 12, supported: 'yes', kinds: ['training', 'market'], q_training: 5, q_overall: 4, channel: 'zalo' });
  });

  it('name what is missing or wrong, in the form’s order', () => {
    expect([...problems(QUESTIONNAIRE, {})]).toEqual([
      ['members', 'required'],
      ['supported', 'required'],
    ]);
    expect([...problems(QUESTIONNAIRE, { members: '12,5', revenue: 'nhiều', supported: 'yes', kinds: [] })]).toEqual([
      ['members', 'integer'],
      ['revenue', 'decimal'],
      ['kinds', 'required'],
      ['q_overall', 'required'],
    ]);
  });

  it('turn received answers back into the form, with the Vietnamese decimal comma', () => {
    expect(stateFromAnswers(QUESTIONNAIRE, { members: 12, revenue: 3.5, supported: 'yes', kinds: ['credit'], q_overall: 4, unknown: 'x' }, 'vi')).toEqual({
      members: '12',
      revenue: '3,5',
      supported: 'yes',
      kinds: ['credit'],
      q_overall: '4',
    });
  });

  it('show instants on Vietnam’s clock and read the token from the address', () => {
    expect(vietnamTime('2026-12-05T09:30:00Z')).toEqual(['16:30', '05/12/2026']);
    expect(vietnamTime('2026-12-31T18:05:00Z')).toEqual(['01:05', '01/01/2027']);
    expect(tokenOf({ pathname: '/s/Ab-9_x', search: '' })).toBe('Ab-9_x');
    expect(tokenOf({ pathname: '/answer.html', search: '?t=xyz' })).toBe('xyz');
  });
});
