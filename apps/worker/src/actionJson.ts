/**
 * `{"seq":..,"type":..,"payload":..}` around a payload already encoded, so an action's payload
 * is serialized once: for the database and for every viewer alike.
 */
export function actionJson(seq: number, type: string, payloadJson: string): string {
  return `{"seq":${seq},"type":${JSON.stringify(type)},"payload":${payloadJson}}`;
}
