// A small form in a dialog, as the petitions' dialogs: checks its fields, sends, shows the
// server's field errors next to their fields (the API's names are the form's names, nested ones
// as "rules.max_amount_vnd") and any other refusal above the form, as the server says it.
import { Alert, Form, Modal, type ButtonProps, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { showFieldErrors } from '../components/formErrors';
import { useT } from './strings';

export function useDialog<V extends object, R>(fields: string[], send: (values: V) => Promise<R>, onDone: (result: R) => void) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await send(values));
    } catch (e) {
      if (e instanceof ApiError) {
        const rest = showFieldErrors(form, e, (path) => fields.includes(path.join('.')) || fields.includes(String(path[0])));
        // The general message too when the fields do not say it all.
        setError(rest.length ? rest.join(' ') : e.fields.length ? e.message : null);
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, error, submit };
}

export function FormDialog<V extends object>({
  title,
  ok,
  form,
  busy,
  error,
  onOk,
  onClose,
  initialValues,
  children,
  testId,
  width,
  intro,
}: {
  title: string;
  ok?: string;
  form: FormInstance<V>;
  busy: boolean;
  error: string | null;
  onOk: () => void;
  onClose: () => void;
  initialValues: Partial<V>;
  children: ReactNode;
  testId: string;
  width?: number;
  intro?: ReactNode;
}) {
  const { t } = useT();
  return (
    <Modal
      open
      title={title}
      okText={ok ?? t('common.save')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={busy}
      width={width}
      forceRender
      okButtonProps={{ 'data-testid': `${testId}-ok` } as ButtonProps}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="fund-dialog-error" />}
      {intro}
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}
