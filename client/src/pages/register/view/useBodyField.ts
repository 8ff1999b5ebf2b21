import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentBody, ISSUE_LIMITS } from '@shared/schemas/issues';
import { serverFieldError } from '@client/components/formErrors';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useRegisterT } from '../useRegisterT';

/**
 * The text of a comment or an official answer while it is written: checked with the shared schema
 * (`validate`), a server refusal shown under the box (`fail`), and the props its MarkdownEditor takes.
 */
export function useBodyField(initial = '') {
  const { t } = useTranslation();
  const rt = useRegisterT();
  const errorMessage = useErrorMessage();
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<string | undefined>();

  function validate(): boolean {
    if (CommentBody.safeParse({ body }).success) return true;
    setError(
      body.trim() ? rt('register.form.tooLong', { max: ISSUE_LIMITS.commentLength, count: body.length }) : t('errors.field.required'),
    );
    return false;
  }

  return {
    body,
    setBody,
    clearError: () => setError(undefined),
    validate,
    fail: (failure: unknown) => setError(serverFieldError(failure, ['body'], t)?.body ?? errorMessage(failure)),
    editorProps: {
      maxLength: ISSUE_LIMITS.commentLength,
      value: body,
      error,
      onChange: (value: string) => {
        setBody(value);
        setError(undefined);
      },
    },
  };
}
