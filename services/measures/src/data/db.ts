/** Calendar dates leave PostgreSQL as text, so no time zone can shift them. */
export const isoDate = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
