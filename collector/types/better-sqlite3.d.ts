// Minimal typings for the part of better-sqlite3 the collector uses, shaped like @types/better-sqlite3
// (`Database.Database`, `Database.Statement<Params, Row>`) so the code compiles unchanged against it.
// TODO(2026-11-25): delete this file once @types/better-sqlite3 is in devDependencies.
declare module 'better-sqlite3' {
  namespace Database {
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
    }
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    type Params<P> = P extends unknown[] ? P : [P];
    interface Statement<BindParameters extends unknown[] | object = unknown[], Result = unknown> {
      run(...params: Params<BindParameters>): RunResult;
      get(...params: Params<BindParameters>): Result | undefined;
      all(...params: Params<BindParameters>): Result[];
      iterate(...params: Params<BindParameters>): IterableIterator<Result>;
      pluck(toggleState?: boolean): this;
    }
    interface Database {
      readonly open: boolean;
      readonly inTransaction: boolean;
      readonly name: string;
      prepare<BindParameters extends unknown[] | object = unknown[], Result = unknown>(
        source: string,
      ): Statement<BindParameters, Result>;
      exec(source: string): this;
      pragma(source: string, options?: { simple?: boolean }): unknown;
      transaction<F extends (...args: never[]) => unknown>(fn: F): F;
      close(): this;
    }
  }
  const Database: new (filename: string, options?: Database.Options) => Database.Database;
  export = Database;
}
