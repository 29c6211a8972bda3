// The two serializations of GetSecretValue's result, on fixed dates: the agent's CreatedDate is
// epoch seconds as a string (Rust's shortest float text), the extension's Go's RFC3339Nano.
import { secretAnswer } from '../../src/agent/answers';

const createdDate = (flavor: 'agent' | 'extension', iso: string) => JSON.parse(secretAnswer(flavor, { CreatedDate: new Date(iso) }).body).CreatedDate;

it.each([
  ['2019-09-26T21:53:09.046Z', '1569534789.046', '2019-09-26T21:53:09.046Z'],
  ['2019-09-26T21:53:09.500Z', '1569534789.5', '2019-09-26T21:53:09.5Z'],
  ['2019-09-26T21:53:09.000Z', '1569534789', '2019-09-26T21:53:09Z'],
  ['2019-09-26T21:53:00.010Z', '1569534780.01', '2019-09-26T21:53:00.01Z'],
])('CreatedDate %s: agent %s, extension %s', (iso, agent, extension) => {
  expect(createdDate('agent', iso)).toBe(agent);
  expect(createdDate('extension', iso)).toBe(extension);
});
