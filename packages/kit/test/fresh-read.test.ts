import { freshReads } from '../src/fresh-read';

/** A read that ends when the test says so, counting how often it started. */
function controlledRead() {
  const pending: Array<(value: number) => void> = [];
  let started = 0;
  const read = () => {
    started++;
    return new Promise<number>((resolve) => pending.push(resolve));
  };
  return { read, started: () => started, finish: (value: number) => pending.shift()!(value) };
}

describe('fresh reads', () => {
  test('when callers arrive while a read is under way, then they share the next read, which starts after it', async () => {
    const source = controlledRead();
    const current = freshReads(source.read);
    const first = current();
    const second = current();
    const third = current();
    expect(source.started()).toBe(1); // the second and third wait: the running read began before they asked
    source.finish(1);
    expect(await first).toBe(1);
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.started()).toBe(2);
    source.finish(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });

  test('when a read fails, then its callers get the error and the next caller reads again', async () => {
    let calls = 0;
    const current = freshReads(async () => {
      calls++;
      if (calls === 1) throw new Error('database away');
      return calls;
    });
    await expect(current()).rejects.toThrow('database away');
    expect(await current()).toBe(2);
  });
});
