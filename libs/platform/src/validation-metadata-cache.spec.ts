import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { validateInput } from './validation';

class Base {
  @IsString()
  @MaxLength(5)
  name!: string;
}

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    const details = (error as { details?: { errors?: Array<{ field: string }> } }).details;
    return (details?.errors ?? []).map((e) => e.field).sort();
  }
}

describe('cached validation metadata', () => {
  it('gives the same verdict on every call', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(fieldsOf(() => validateInput(Base, { name: 'too long a name' }))).toEqual(['name']);
      expect(fieldsOf(() => validateInput(Base, { name: 'ok' }))).toEqual([]);
    }
  });

  it('sees the rules of a class declared after a validation already ran, and the rules it inherits', () => {
    expect(fieldsOf(() => validateInput(Base, { name: 'ok' }))).toEqual([]);

    class Later extends Base {
      @IsInt()
      @Min(1)
      count!: number;
    }

    expect(fieldsOf(() => validateInput(Later, { name: 'too long a name', count: 0 }))).toEqual(['count', 'name']);
    expect(fieldsOf(() => validateInput(Later, { name: 'ok', count: 2 }))).toEqual([]);
    // The base class is unchanged by its subclass's rules.
    expect(fieldsOf(() => validateInput(Base, { name: 'ok', count: 0 }))).toEqual(['count']);
  });
});
