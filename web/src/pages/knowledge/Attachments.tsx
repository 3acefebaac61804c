// An item's attachments: a list with download links (name, size, who added it when);
// editors add a file (PDF, DOCX, XLSX or an image; the server recognises the kind by
// its content) and remove one after a confirmation.
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/context';
import { api, type Attachment, type KnowledgeItem } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { formatDate, formatSize } from '../../lib/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FileField } from '../../components/Field';
import { LiveRegions } from '../../components/Notices';

interface Props {
  item: KnowledgeItem;
  editable: boolean;
  onChanged: (item: KnowledgeItem) => void;
}

export function Attachments({ item, editable, onChanged }: Props) {
  const { t, lang } = useI18n();
  const attachments = item.attachments ?? [];
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const upload = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!file) {
      setFileError(t('knowledge.attachmentMissing'));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setStatus(null);
    setFileError(undefined);
    setPercent(0);
    try {
      const added = await api.uploadKnowledgeAttachment(item.id, file, (loaded, total) =>
        setPercent(total ? Math.round((loaded / total) * 100) : 0),
      );
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onChanged({ ...item, attachments: [...attachments, added] });
      setStatus(t('knowledge.attachmentAdded', { name: added.name }));
    } catch (err) {
      const shown = describeError(err, t, lang);
      // 415 (not a kind the server takes) and 413 (too large) are about the file.
      setFileError(shown.message ?? undefined);
      inputRef.current?.focus();
    } finally {
      setBusy(false);
      setPercent(null);
    }
  };

  const remove = async (a: Attachment) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await api.deleteKnowledgeAttachment(item.id, a.id);
      setRemoving(null);
      onChanged({ ...item, attachments: attachments.filter((x) => x.id !== a.id) });
      setStatus(t('knowledge.attachmentDeleted', { name: a.name }));
      requestAnimationFrame(() => document.getElementById('kb-attachments-title')?.focus());
    } catch (err) {
      setRemoving(null);
      setError(describeError(err, t, lang).message);
    } finally {
      setBusy(false);
    }
  };

  if (!attachments.length && !editable) return null;
  return (
    <section class="wk-section" aria-labelledby="kb-attachments-title">
      <h2 id="kb-attachments-title" class="utrecht-heading-2" tabIndex={-1}>
        {t('knowledge.attachments')}
      </h2>
      {attachments.length ? (
        <ul class="wk-kb-attachments" id="kb-attachments">
          {attachments.map((a) => (
            <li key={a.id} class="wk-kb-attachment">
              <a
                class="utrecht-link utrecht-link--html-a"
                href={api.knowledgeAttachmentUrl(item.id, a.id)}
                download={a.name}
              >
                {a.name}
              </a>{' '}
              <span class="wk-muted">
                (
                {a.uploaded_by
                  ? t('knowledge.attachmentMeta', {
                      size: formatSize(a.size, lang),
                      name: a.uploaded_by.name,
                      date: formatDate(a.uploaded_at, lang),
                    })
                  : t('knowledge.attachmentMetaNoName', {
                      size: formatSize(a.size, lang),
                      date: formatDate(a.uploaded_at, lang),
                    })}
                )
              </span>
              {editable ? (
                <>
                  {' '}
                  <button
                    type="button"
                    id={`kb-attachment-delete-${a.id}`}
                    class="utrecht-button utrecht-button--secondary-action wk-button--small"
                    onClick={() => setRemoving(a)}
                  >
                    {t('knowledge.attachmentDelete')}
                    <span class="wk-visually-hidden"> {a.name}</span>
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="utrecht-paragraph">{t('knowledge.attachmentsEmpty')}</p>
      )}
      <LiveRegions error={error} status={status} />
      {editable ? (
        <form class="utrecht-form wk-form wk-kb-upload" noValidate onSubmit={upload}>
          <FileField
            id="kb-file"
            label={t('knowledge.attachmentFile')}
            description={t('knowledge.attachmentHelp')}
            error={fileError}
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp"
            file={file}
            onFile={(f) => {
              setFile(f);
              setFileError(undefined);
            }}
            inputRef={inputRef}
          />
          <div class="utrecht-button-group wk-button-row">
            <button
              type="submit"
              id="kb-upload"
              class="utrecht-button utrecht-button--secondary-action"
              aria-busy={busy ? 'true' : undefined}
            >
              {t('knowledge.attachmentUpload')}
            </button>
            <span class="wk-muted" role="status">
              {percent !== null ? t('knowledge.attachmentUploading', { percent }) : ''}
            </span>
          </div>
        </form>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('knowledge.attachmentDeleteTitle')}
          text={t('knowledge.attachmentDeleteText', { name: removing.name })}
          confirmLabel={t('knowledge.attachmentDelete')}
          busy={busy}
          onConfirm={() => void remove(removing)}
          onCancel={() => {
            const id = removing.id;
            setRemoving(null);
            requestAnimationFrame(() => document.getElementById(`kb-attachment-delete-${id}`)?.focus());
          }}
        />
      ) : null}
    </section>
  );
}
