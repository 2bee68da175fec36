// Sequential added latency and time to first token, interleaved across arms (method of llm-gateway-bench's overhead probe):
// R rounds; in each round every arm sends N sequential requests (after a warm-up); the verdict per arm is the median of its
// per-round medians, and an arm's overhead is the median over rounds of (arm median - direct median). Loopback only, bounded.
//
// node latency.mjs '<json config>'   config: { mode: "chat"|"stream", rounds, perRound, warmup, arms: [{ name, url, headers, body }] }
import http from 'node:http';

const config = JSON.parse(process.argv[2]);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

function once(arm, agent) {
  return new Promise((resolve, reject) => {
    const url = new URL(arm.url);
    const payload = Buffer.from(JSON.stringify(arm.body));
    const start = process.hrtime.bigint();
    const req = http.request({
      hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': payload.length, ...arm.headers },
    }, (res) => {
      let first = null;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (config.mode === 'stream' && first === null) {
          text += chunk;
          // The first token: an SSE event carrying non-empty text (OpenAI delta.content; Anthropic text_delta.text).
          if (new RegExp(arm.firstToken ?? '"content":"[^"]').test(text)) first = process.hrtime.bigint();
        }
      });
      res.on('end', () => {
        const end = process.hrtime.bigint();
        if (res.statusCode !== 200) return reject(new Error(`${arm.name}: HTTP ${res.statusCode}`));
        if (config.mode === 'stream' && first === null) return reject(new Error(`${arm.name}: no content event in the stream`));
        resolve(Number((config.mode === 'stream' ? first : end) - start) / 1e6);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const agents = Object.fromEntries(config.arms.map((a) => [a.name, new http.Agent({ keepAlive: true, maxSockets: 1 })]));
const failed = {};
const rounds = Object.fromEntries(config.arms.map((a) => [a.name, []]));
for (const arm of config.arms) {
  for (let i = 0; i < config.warmup; i++) {
    try { await once(arm, agents[arm.name]); } catch (e) { failed[arm.name] = String(e.message ?? e); break; }
  }
}

for (let r = 0; r < config.rounds; r++) {
  // Rotate the order each round so no arm always runs first.
  const order = config.arms.map((_, i) => config.arms[(i + r) % config.arms.length]);
  for (const arm of order) {
    if (failed[arm.name]) continue;
    const samples = [];
    for (let i = 0; i < config.perRound; i++) {
      try { samples.push(await once(arm, agents[arm.name])); } catch (e) { failed[arm.name] = String(e.message ?? e); break; }
    }
    if (!failed[arm.name]) rounds[arm.name].push(median(samples));
  }
}

const direct = rounds[config.arms[0].name];
const result = { mode: config.mode, rounds: config.rounds, perRound: config.perRound, arms: {} };
for (const arm of config.arms) {
  if (failed[arm.name]) { result.arms[arm.name] = { error: failed[arm.name] }; continue; }
  const own = rounds[arm.name];
  const deltas = own.map((v, i) => v - direct[i]);
  result.arms[arm.name] = { medianMs: median(own), addedMs: median(deltas), roundMediansMs: own };
}
for (const a of Object.values(agents)) a.destroy();
console.log(JSON.stringify(result));
