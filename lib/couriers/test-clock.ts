/**
 * Test-mode time: how far along its timeline a TEST-environment object is (a TEST shipment
 * is picked up after one minute, a TEST pickup completes after two). Normally it is real
 * time. The end-to-end server runs it faster (scripts/e2e-server.ts sets
 * TEST_MODE_TIME_SCALE) so a spec sees a shipment picked up in a second instead of a
 * minute; Vitest tests pass a clock of their own to the functions that take one.
 *
 * Only TEST objects are ever read through this clock, and the scale is server
 * configuration: nothing in a request can move it, and LIVE data never consults it.
 */
import { env } from "@/lib/server/env";

/** TEST_MODE_TIME_SCALE: test-mode milliseconds per real millisecond, 1 when unset (lib/server/env.ts). */
export function testTimeScale(): number {
  return env().TEST_MODE_TIME_SCALE;
}

export interface TestClock {
  /** Real time now, in epoch milliseconds. */
  now(): number;
  /** Test-mode milliseconds that pass per real millisecond. */
  readonly scale: number;
}

/** The clock test mode runs on: real time, sped up by TEST_MODE_TIME_SCALE. */
export function testClock(): TestClock {
  return { now: () => Date.now(), scale: testTimeScale() };
}

/** A clock stopped at `at` (for tests: move a TEST object on without waiting or editing rows). */
export function fixedTestClock(at: Date | number, scale = 1): TestClock {
  const ms = typeof at === "number" ? at : at.getTime();
  return { now: () => ms, scale };
}

/** Test-mode milliseconds elapsed since `since` (a real instant), by `clock`. */
export function testElapsedMs(clock: TestClock, since: Date): number {
  return (clock.now() - since.getTime()) * clock.scale;
}

/** The real time at which `testMs` of test-mode time will have passed since `since`. */
export function realTimeAfter(clock: TestClock, since: Date, testMs: number): Date {
  return new Date(since.getTime() + testMs / clock.scale);
}
