// The agent port's options as the CLI and the environment spell them.
import { HELP, parseCli } from '../../src/cli';
import { resolveOptions } from '../../src/config';

it('reads --agent-port, --agent-token and --agent-flavor, flags before the environment', () => {
  expect(parseCli(['--agent-port', '2773', '--agent-token', 't', '--agent-flavor', 'extension'], {})).toMatchObject({ agentPort: 2773, agentToken: 't', agentFlavor: 'extension' });
  expect(parseCli([], { STRONGROOM_AGENT_PORT: '2773', STRONGROOM_AGENT_TOKEN: 'e', STRONGROOM_AGENT_FLAVOR: 'agent' })).toMatchObject({ agentPort: 2773, agentToken: 'e', agentFlavor: 'agent' });
  expect(parseCli(['--agent-port', '0'], { STRONGROOM_AGENT_PORT: '2773' })).toMatchObject({ agentPort: 0 });
  expect(parseCli([], {})).toMatchObject({ agentPort: undefined });
  for (const text of ['--agent-port', 'STRONGROOM_AGENT_PORT', '--agent-token', 'STRONGROOM_AGENT_TOKEN', '--agent-flavor', 'STRONGROOM_AGENT_FLAVOR']) expect(HELP).toContain(text);
});

it('refuses a bad port or flavor', () => {
  expect(() => parseCli(['--agent-port', 'x'], {})).toThrow("--agent-port must be a port number from 0 to 65535, got 'x'");
  expect(() => parseCli([], { STRONGROOM_AGENT_PORT: '70000' })).toThrow("STRONGROOM_AGENT_PORT must be a port number from 0 to 65535, got '70000'");
  expect(() => resolveOptions({ agentFlavor: 'rust' as never })).toThrow("agent flavor must be one of agent, extension, got 'rust'");
  expect(() => resolveOptions({ agentPort: 1.5 })).toThrow("invalid agent port '1.5'");
});
