// A partner: its kind, level, contacts, address and the programmes it is party to (those the
// caller may read); officials of its level change it.
import { Button, Result, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../account/session';
import { ApiError } from '../api/client';
import { Panel } from '../components/Panel';
import { useApi } from '../lib/useApi';
import { getPartner } from './api';
import { isNational } from './logic';
import { StatusTag, useOwner } from './parts';
import { PartnerEditor } from './PartnersPage';
import { useT } from './strings';

export default function PartnerPage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { user } = useSession();
  const owner = useOwner();
  const partner = useApi((signal) => getPartner(id, signal), [id]);
  const [editing, setEditing] = useState(false);
  if (partner.error) {
    const missing = partner.error instanceof ApiError && (partner.error.status === 404 || partner.error.status === 403);
    return <Result status={missing ? '404' : 'error'} title={missing ? '404' : t('common.error')} subTitle={missing ? t('partner.notFound') : partner.error.message} extra={<Link to="/partners">{t('partner.back')}</Link>} />;
  }
  const p = partner.data;
  if (!p) return <div className="muted">{t('app.loading')}</div>;
  const writable = isNational(user?.role) || (!!p.province && p.province === user?.province_code);
  return (
    <div className="prog-stack" data-testid="partner-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between' }}>
        <Link to="/partners">← {t('partner.back')}</Link>
        {writable && <Button onClick={() => setEditing(true)}>{t('partner.edit')}</Button>}
      </div>
      <h1 className="page-title" style={{ marginBottom: 0 }}>
        {p.name}
        {p.short_name && <span className="muted"> ({p.short_name})</span>}
      </h1>
      <Panel className="prog-head">
        <dl>
          <dt>{t('partner.kind')}</dt>
          <dd>{t(`partner.kind.${p.kind}`)}</dd>
          <dt>{t('partner.scope')}</dt>
          <dd>{owner(p)}</dd>
          {p.name_en && (
            <>
              <dt>{t('partner.nameEn')}</dt>
              <dd>{p.name_en}</dd>
            </>
          )}
          {!!p.contacts?.length && (
            <>
              <dt>{t('partner.contacts')}</dt>
              <dd>
                {p.contacts.map((c, i) => (
                  <div key={i}>{[c.name, c.position, c.phone, c.email].filter(Boolean).join(' · ')}</div>
                ))}
              </dd>
            </>
          )}
          {p.address && (
            <>
              <dt>{t('partner.address')}</dt>
              <dd>{p.address}</dd>
            </>
          )}
          {p.website && (
            <>
              <dt>{t('partner.website')}</dt>
              <dd>{p.website}</dd>
            </>
          )}
          {p.notes && (
            <>
              <dt>{t('partner.notes')}</dt>
              <dd>{p.notes}</dd>
            </>
          )}
        </dl>
      </Panel>
      <Panel title={<h2>{t('partner.programmes')}</h2>}>
        {p.programmes?.length ? (
          <ul className="prog-partners" data-testid="partner-programmes">
            {p.programmes.map((g) => (
              <li key={g.id}>
                <Space wrap size={4}>
                  <Link to={`/programmes/${g.id}`}>
                    {g.code} — {g.title}
                  </Link>
                  <StatusTag status={g.status} />
                </Space>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            {t('partner.noProgrammes')}
          </p>
        )}
      </Panel>
      {editing && (
        <PartnerEditor
          partner={p}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            partner.reload();
          }}
        />
      )}
    </div>
  );
}
