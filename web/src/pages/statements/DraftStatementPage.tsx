import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { ParagraphKind, StatementClassification } from '../../gql/graphql';
import { Page } from '../../ui/Page';

const DraftBodiesDocument = graphql(`
  query DraftBodies {
    bodies(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const DraftStatementDocument = graphql(`
  mutation DraftStatement($input: DraftStatementInput!) {
    draftStatement(input: $input) {
      id
      title
      reference
      status
      classification
      updatedAt
    }
  }
`);

export const CLASSIFICATIONS: StatementClassification[] = ['LIMITE', 'RESTRICTED', 'PUBLIC'];
export const PARAGRAPH_KINDS: ParagraphKind[] = ['PREAMBLE', 'OPERATIVE', 'GOAL'];

interface DraftParagraph {
  kind: ParagraphKind;
  text: string;
}

/** A new statement (clerks): its title, body, classification and paragraphs; saving lands on its page. */
export function DraftStatementPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const bodies = useQuery(DraftBodiesDocument);
  const [title, setTitle] = useState('');
  const [bodyId, setBodyId] = useState('');
  const [classification, setClassification] = useState<StatementClassification>('LIMITE');
  const [paragraphs, setParagraphs] = useState<DraftParagraph[]>([{ kind: 'OPERATIVE', text: '' }]);
  const [draft, drafting] = useMutation(DraftStatementDocument, {
    update(cache) {
      cache.evict({ fieldName: 'statements' }); // the list shows it when next opened
    },
  });
  const bodyList = bodies.data?.bodies.edges.map((e) => e.node) ?? [];
  const chosenBody = bodyId || bodyList[0]?.id || '';
  const setParagraph = (i: number, change: Partial<DraftParagraph>) => setParagraphs((ps) => ps.map((p, j) => (j === i ? { ...p, ...change } : p)));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await draft({ variables: { input: { title, bodyId: chosenBody, classification, paragraphs } } }).catch(() => null);
    const id = result?.data?.draftStatement.id;
    if (id) void navigate(`/statements/${id}`);
  };

  return (
    <Page title={t('statements.draft.title')}>
      <ErrorMessage error={bodies.error} />
      <form className="form" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor="st-title">{t('statements.field.title')}</label>
          <input id="st-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
        </div>
        <div className="field">
          <label htmlFor="st-body">{t('statements.field.body')}</label>
          <select id="st-body" value={chosenBody} onChange={(e) => setBodyId(e.target.value)} required>
            {bodyList.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="st-classification">{t('statements.field.classification')}</label>
          <select id="st-classification" value={classification} onChange={(e) => setClassification(e.target.value as StatementClassification)}>
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {t(`statements.classification.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {paragraphs.map((p, i) => (
          <fieldset key={i} className="field">
            <legend>{t('statements.draft.paragraphN', { n: i + 1 })}</legend>
            <label htmlFor={`st-kind-${i}`}>{t('statements.draft.kindN', { n: i + 1 })}</label>
            <select id={`st-kind-${i}`} value={p.kind} onChange={(e) => setParagraph(i, { kind: e.target.value as ParagraphKind })}>
              {PARAGRAPH_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`statements.kind.${k}`)}
                </option>
              ))}
            </select>
            <label htmlFor={`st-text-${i}`}>{t('statements.draft.paragraphN', { n: i + 1 })}</label>
            <textarea id={`st-text-${i}`} value={p.text} onChange={(e) => setParagraph(i, { text: e.target.value })} required rows={4} maxLength={20000} />
            {paragraphs.length > 1 ? (
              <button type="button" onClick={() => setParagraphs((ps) => ps.filter((_, j) => j !== i))}>
                {t('statements.draft.removeN', { n: i + 1 })}
              </button>
            ) : null}
          </fieldset>
        ))}
        <p>
          <button type="button" onClick={() => setParagraphs((ps) => [...ps, { kind: 'OPERATIVE', text: '' }])}>
            {t('statements.draft.addParagraph')}
          </button>
        </p>
        <ErrorMessage error={drafting.error} />
        <button type="submit" className="primary" disabled={drafting.loading || !chosenBody}>
          {t('statements.draft.save')}
        </button>
      </form>
    </Page>
  );
}
