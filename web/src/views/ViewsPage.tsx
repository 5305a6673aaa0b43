// "Dạng xem đã lưu": every view the user may open — open, rename and delete (the owner; a national
// admin deletes any), and "Đặt làm trang đầu": the start page shown after signing in.
import { Alert, Button, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/I18nProvider';
import { useApi } from '../lib/useApi';
import { deleteView, listViews, setStartView, updateView, viewHref } from './api';
import type { SavedView } from './types';

export default function ViewsPage() {
  const { t } = useI18n();
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const list = useApi((signal) => listViews(undefined, signal), []);
  const [renaming, setRenaming] = useState<SavedView | null>(null);
  const [name, setName] = useState('');
  const start = list.data?.start_view_id ?? null;
  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      setNotice(done ? { type: 'success', text: done } : null);
      list.reload();
    } catch (e) {
      setNotice({ type: 'error', text: (e as Error).message });
    }
  };

  return (
    <div className="reports-stack">
      <h1 className="page-title">{t('views.title')}</h1>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {notice && <Alert type={notice.type} showIcon title={notice.text} closable onClose={() => setNotice(null)} data-testid="views-notice" />}
      <Panel testId="views-list">
        <div className="table-scroll">
          <Table<SavedView>
            rowKey="id"
            size="small"
            loading={list.loading}
            pagination={false}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('views.none') }}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'name',
                title: t('views.name'),
                render: (_, v) => (
                  <Space wrap>
                    <Link to={viewHref(v)} data-testid={`view-${v.id}`}>
                      {v.name}
                    </Link>
                    {v.id === start && <Tag color="blue">{t('views.isStart')}</Tag>}
                  </Space>
                ),
              },
              { key: 'page', title: t('views.page'), render: (_, v) => t(v.page === 'pivot' ? 'views.pagePivot' : 'views.pageDashboard') },
              { key: 'visibility', title: t('views.visibility'), render: (_, v) => t(`views.${v.visibility}`) },
              { key: 'owner', title: t('views.owner'), dataIndex: 'owner' },
              {
                key: 'actions',
                title: t('views.actions'),
                render: (_, v) => (
                  <Space wrap size={4}>
                    {v.id === start ? (
                      <Button size="small" onClick={() => run(() => setStartView(null))}>
                        {t('views.clearStart')}
                      </Button>
                    ) : (
                      <Button size="small" data-testid={`view-start-${v.id}`} onClick={() => run(() => setStartView(v.id), t('views.startSet', { name: v.name }))}>
                        {t('views.makeStart')}
                      </Button>
                    )}
                    {v.mine && (
                      <Button
                        size="small"
                        onClick={() => {
                          setRenaming(v);
                          setName(v.name);
                        }}
                      >
                        {t('views.rename')}
                      </Button>
                    )}
                    {v.may_delete && (
                      <Popconfirm title={t('views.deleteConfirm', { name: v.name })} onConfirm={() => run(() => deleteView(v.id))}>
                        <Button size="small" danger>
                          {t('views.delete')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </div>
      </Panel>
      <Modal
        open={renaming !== null}
        title={t('views.rename')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setRenaming(null)}
        onOk={() => {
          const v = renaming;
          setRenaming(null);
          if (v && name.trim()) void run(() => updateView(v.id, { name }));
        }}
      >
        <Input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} aria-label={t('views.name')} />
      </Modal>
    </div>
  );
}
