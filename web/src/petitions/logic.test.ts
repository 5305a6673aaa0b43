import { addDays, filterQuery, noFilters, petitionBody, stepIndex, type PetitionForm } from './logic';

describe('petitions logic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-03-15', 30)).toBe('2026-04-14');
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2028-02-15', 30)).toBe('2028-03-16');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('sends only the filters set, overdue only when asked', () => {
    expect(filterQuery(noFilters())).toEqual({ status: [], theme: '', province: '', overdue: undefined, from: '', to: '', q: '' });
    expect(filterQuery({ ...noFilters(), overdue: true, q: '  dat dai ' })).toMatchObject({ overdue: true, q: 'dat dai' });
  });

  it('builds the bodies of the contract', () => {
    const form: PetitionForm = {
      entity_ids: [5],
      province: '20',
      theme: 'land',
      content: ' x ',
      addressed_kind: '',
      addressed_name: 'Sở Tài chính',
      activity_id: null,
      raised_on: '',
    };
    // A name without a kind is "other"; nothing empty is sent.
    expect(petitionBody(form, { editing: false, cooperative: false })).toEqual({
      theme: 'land',
      content: 'x',
      addressed_to: { kind: 'other', name: 'Sở Tài chính' },
      entity_ids: [5],
      province: '20',
    });
    expect(petitionBody({ ...form, addressed_name: '' }, { editing: false, cooperative: true })).toEqual({ theme: 'land', content: 'x' });
    expect(petitionBody({ ...form, activity_id: 3, raised_on: '2026-03-14' }, { editing: true, cooperative: false })).toEqual({
      theme: 'land',
      content: 'x',
      addressed_to: { kind: 'other', name: 'Sở Tài chính' },
      entity_ids: [5],
    });
  });

  it('places the status on the step bar', () => {
    expect(['received', 'assigned', 'answered', 'closed'].map((s) => stepIndex(s as 'received'))).toEqual([0, 1, 2, 3]);
  });
});
