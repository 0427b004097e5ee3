import { PushedOrAsked } from './pushed-or-asked';

describe('PushedOrAsked', () => {
  let clock = 0;
  let applied: string[];
  let state: PushedOrAsked<string>;
  beforeEach(() => {
    clock = 1_000;
    applied = [];
    state = new PushedOrAsked(
      (value) => applied.push(value),
      () => clock,
    );
  });

  /** A question whose answer arrives when the test says. */
  const pending = () => {
    let answer!: (value: string) => void;
    const question = () => new Promise<string>((resolve) => (answer = resolve));
    return { question, answer: (value: string) => answer(value) };
  };

  it('applies an answer when no push came since the question', async () => {
    state.pushed('pushed earlier');
    clock += 10;
    await state.ask(async () => 'asked');
    expect(applied).toEqual(['pushed earlier', 'asked']);
  });

  it('drops an answer to a question asked before the last push: the push is newer', async () => {
    const { question, answer } = pending();
    const asking = state.ask(question);
    clock += 10;
    state.pushed('pushed meanwhile');
    answer('asked before');
    await asking;
    expect(applied).toEqual(['pushed meanwhile']);
  });

  it('applies the first answer when nothing was ever pushed, even at time zero', async () => {
    clock = 0;
    await state.ask(async () => 'first');
    expect(applied).toEqual(['first']);
  });

  it("leaves a failed question's error to the caller and keeps what it had", async () => {
    state.pushed('kept');
    clock += 10;
    await expect(state.ask(async () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(applied).toEqual(['kept']);
  });
});
