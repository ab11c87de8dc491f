// Starts the real clinic-server (debug build, test clock, demo seed) with the fake WeChat
// API for the mini-program journey test, which runs under jest's CommonJS and so cannot
// import the server suites' ES modules itself. Prints one JSON line
// {url, dir, clockFile, staff}; stops both servers when stdin closes.
import { startStack, demoCredentials } from '../server/api_helpers.mjs';

const stack = await startStack();
process.stdout.write(JSON.stringify({
  url: stack.srv.url, dir: stack.dir, clockFile: stack.clockFile, staff: demoCredentials(stack.dir),
}) + '\n');
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.on('SIGTERM', stop);
process.stdin.resume();
