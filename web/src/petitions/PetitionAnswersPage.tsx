// "Hỏi đáp": the answers made public (GET /api/v1/petitions/answers), searched as one types
// (without diacritics, on the server) and by theme: each a question with its answer and the day it
// was answered, no petitioner named. Every signed-in account reads it, partners too: the app has no
// page shown without signing in (App.tsx shows the sign-in page at any address), so the public Q&A
// is here until it has one; the API itself answers without a session.
import { Alert, Button, Input, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../account/session';
import { formatDate, formatNumber } from '../i18n/format';
import { searchable } from '../lib/fold';
import { useApi, useDebounced } from '../lib/useApi';
import { listAnswers } from './api';
import { seesPetitions } from './logic';
import { useThemeName, useThemes } from './parts';
import { useT } from './strings';
import type { PublicAnswer } from './types';
import './petitions.css';

const PAGE = 20;

export default function PetitionAnswersPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const { themes } = useThemes();
  const themeName = useThemeName();
  const [text, setText] = useState('');
  const [theme, setTheme] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const q = useDebounced(text.trim(), 300);
  useEffect(() => setLimit(PAGE), [q, theme]);
  const list = useApi((signal) => listAnswers({ q, theme, limit, offset: 0 }, signal), [q, theme, limit]);
  const items: PublicAnswer[] = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  return (
    <div className="pet-page" data-testid="petition-answers-page">
      {seesPetitions(user?.role) && <Link to="/petitions">← {t('pet.back')}</Link>}
      <h1 className="page-title" style={{ margin: 0 }}>
        {t('pet.qa.title')}
      </h1>
      <p className="muted" style={{ margin: 0 }}>
        {t('pet.qa.intro')}
      </p>
      <div className="toolbar" style={{ marginBottom: 0 }}>
        <div className="filter-field" style={{ flex: '3 1 260px' }}>
          <label htmlFor="qa-q">{t('common.search')}</label>
          <Input id="qa-q" allowClear value={text} placeholder={t('pet.qa.search')} onChange={(e) => setText(e.target.value)} data-testid="qa-search" />
        </div>
        <div className="filter-field" style={{ flex: '1 1 180px' }}>
          <label htmlFor="qa-theme">{t('pet.theme')}</label>
          <Select
            id="qa-theme"
            value={theme}
            onChange={setTheme}
            showSearch={searchable}
            options={[{ value: '', label: t('pet.any') }, ...themes.map((th) => ({ value: th.code, label: themeName(th.code) }))]}
          />
        </div>
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {!items.length ? (
        <p className="muted" style={{ margin: 0 }} data-testid="qa-none">
          {list.loading ? t('app.loading') : t('pet.qa.none')}
        </p>
      ) : (
        <>
          <p className="muted" style={{ margin: 0 }} aria-live="polite">
            {t('pet.count', { count: formatNumber(total, lang) })}
          </p>
          <ul className="pet-qa" data-testid="qa-list">
            {items.map((a) => (
              <li key={a.id} data-testid={`qa-${a.id}`}>
                <div className="pet-tags" style={{ marginTop: 0 }}>
                  <Tag className="pet-tag" color="blue">
                    {themeName(a.theme)}
                  </Tag>
                  {a.province_name && <Tag className="pet-tag">{a.province_name}</Tag>}
                  {a.answered_on && (
                    <span className="muted" style={{ fontSize: 13 }}>
                      {t('pet.qa.answeredOn', { date: formatDate(a.answered_on, lang) })}
                    </span>
                  )}
                </div>
                <dl>
                  <dt>
                    <abbr title={t('pet.content')}>{t('pet.qa.question')}</abbr>
                  </dt>
                  <dd>{a.content}</dd>
                  <dt>
                    <abbr title={t('pet.answer')}>{t('pet.qa.answer')}</abbr>
                  </dt>
                  <dd>{a.answer}</dd>
                </dl>
              </li>
            ))}
          </ul>
          {items.length < total && (
            <Button onClick={() => setLimit((n) => n + PAGE)} loading={list.loading} data-testid="qa-more" style={{ alignSelf: 'flex-start' }}>
              {t('pet.qa.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
