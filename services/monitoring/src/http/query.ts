import { requestBodies, requestForms, requestQueries } from '@sozialraum/kit';
import type { operations } from '../generated/api';

/** The request body of an operation, as the validator has checked it against openapi.yaml. */
export const bodyOf = requestBodies<operations>();
/** The text fields of an operation's form upload (multipart), as the validator has checked them; the file is `uploadedFile(req)`. */
export const formOf = requestForms<operations>();
/** The query of an operation, as the validator has checked (and coerced) it. */
export const queryOf = requestQueries<operations>();

export { pathParam } from '@sozialraum/kit';
