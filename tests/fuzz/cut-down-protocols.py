# Cut-down shipped protocols for the triage_lint fuzz corpus: the first k questions of each
# shipped protocol (rules and ask_if that name a dropped question dropped too), kept when the
# core accepts the document (clinic-core triage.lint). The committed corpus holds the k=4 cuts.
#   python3 tests/fuzz/cut-down-protocols.py OUT_DIR   (needs build/native-release/cli/clinic-core)
import json, glob, os, subprocess, sys
out = sys.argv[1]
def refs(node, ids):
    if isinstance(node, dict):
        return any(refs(v, ids) for v in node.values())
    if isinstance(node, list):
        return any(refs(v, ids) for v in node)
    return isinstance(node, str) and node in ids
kept = 0
for f in sorted(glob.glob('tests/fuzz/corpus/triage_protocol/*.json')):
    d = json.load(open(f))
    qs = d['questions']
    for k in (2, 3, 4, 5):
        if k > len(qs): continue
        if k == len(qs): variant = d
        else:
            removed = {q['id'] for q in qs[k:]}
            v = json.loads(json.dumps(d))
            v['questions'] = [q for q in v['questions'][:k] if not ('ask_if' in q and refs(q['ask_if'], removed))]
            v['rules'] = [r for r in v.get('rules', []) if not refs(r['if'], removed)]
            variant = v
        text = json.dumps(variant, ensure_ascii=False, separators=(',', ':'))
        req = json.dumps({"op": "triage.lint", "v": 1, "protocol": variant}, ensure_ascii=False)
        r = subprocess.run(['build/native-release/cli/clinic-core'], input=req.encode(), capture_output=True)
        res = json.loads(r.stdout)
        if 'ok' not in res: continue
        name = f"{os.path.basename(f)[:-5]}-q{len(variant['questions'])}.json"
        open(os.path.join(out, name), 'w').write(text)
        kept += 1
print(kept)
