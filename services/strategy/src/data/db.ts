/** Limit and offset of a page; the validator has checked their ranges. */
export interface Page {
  limit: number;
  offset: number;
}

/**
 * Collects WHERE conditions with numbered parameters, so list queries stay readable and never splice
 * user input into SQL.
 */
export class Conditions {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Adds a condition; `$?` in it stands for the next parameter. */
  add(sql: string, value: unknown): this {
    this.params.push(value);
    this.parts.push(sql.replaceAll('$?', `$${this.params.length}`));
    return this;
  }

  /** Adds a parameter without a condition and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition without a parameter. */
  addFixed(sql: string): this {
    this.parts.push(sql);
    return this;
  }

  addIf(sql: string, value: unknown): this {
    return value === undefined ? this : this.add(sql, value);
  }

  where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
