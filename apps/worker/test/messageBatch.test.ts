import { setImmediate as nextTurn } from "node:timers/promises";
import { expect, test } from "vitest";
import { MessageBatch } from "../src/agents/MessageBatch";

test("a turn's messages go out together, in order, once the turn ends", async () => {
  const sent: number[][] = [];
  const batch = new MessageBatch<number>((messages) => sent.push([...messages]));
  batch.push(1);
  batch.push(2);
  batch.push(3);
  expect(sent).toEqual([]);
  await nextTurn();
  expect(sent).toEqual([[1, 2, 3]]);
  batch.push(4);
  await nextTurn();
  expect(sent).toEqual([[1, 2, 3], [4]]);
});

test("a turn that never ends still sends every maxMessages, and flush sends the rest at once", async () => {
  const sent: number[][] = [];
  const batch = new MessageBatch<number>((messages) => sent.push([...messages]), 500);
  for (let message = 0; message < 1_200; message++) batch.push(message);
  expect(sent.map((messages) => messages.length)).toEqual([500, 500]);
  batch.flush();
  expect(sent.map((messages) => messages.length)).toEqual([500, 500, 200]);
  expect(sent.flat()).toEqual(Array.from({ length: 1_200 }, (_, index) => index));
  await nextTurn();
  // Nothing was left to send at the end of the turn.
  expect(sent).toHaveLength(3);
});
