#!/usr/bin/env python3
"""Every phrase the sources write in English (reason:, allowed:, … and Phrase literals) has its Chinese in
Sources/WagecaseCore/Catalogue/Catalogue+Refusals.swift. Exit 1 listing what is missing.
Usage: scripts/catalogue-check.py [--root DIR] [--list]"""
import re,glob,sys,json
LABELS=r'(?:reason|allowed|hint|state|action|entity|what)'
FUNCS=r'(?:fail|refuse|missing|check|malformed|notFound|AttemptFailure|title|label|usage|Labels\(language: [^)]*\))'
def lit_keys(src):
    """yield (key, context) for phrase literals"""
    # collapse "..." + "..." concatenations? we removed them; ignore
    out=[]
    n=len(src); i=0
    # tokenize string literals with positions
    lits=[]
    while i<n:
        c=src[i]
        if src.startswith('//',i):
            j=src.find('\n',i); i=n if j<0 else j; continue
        if src.startswith('#"',i):
            j=src.find('"#',i+2); lits.append((i,j+2,src[i+2:j],True)); i=j+2; continue
        if src.startswith('"""',i):
            j=src.find('"""',i+3); i=j+3; continue
        if c=='"':
            j=i+1; depth=0
            while j<n:
                if src[j]=='\\' and j+1<n and src[j+1]=='(':
                    depth=1; j+=2
                    while depth>0 and j<n:
                        if src[j]=='"':
                            # nested string inside interpolation
                            k=j+1
                            while k<n and src[k]!='"':
                                if src[k]=='\\': k+=1
                                k+=1
                            j=k+1; continue
                        if src[j]=='(':depth+=1
                        elif src[j]==')':depth-=1
                        j+=1
                    continue
                if src[j]=='\\': j+=2; continue
                if src[j]=='"': break
                j+=1
            lits.append((i,j+1,src[i+1:j],False)); i=j+1; continue
        i+=1
    return lits
def to_key(body,raw):
    if raw: return body.replace('%','%%')
    out='';i=0
    while i<len(body):
        if body.startswith('\\(',i):
            depth=1;j=i+2
            while depth>0 and j<len(body):
                if body[j]=='"':
                    k=j+1
                    while k<len(body) and body[k]!='"':
                        if body[k]=='\\':k+=1
                        k+=1
                    j=k+1;continue
                if body[j]=='(':depth+=1
                elif body[j]==')':depth-=1
                j+=1
            out+='%@';i=j
        elif body.startswith('\\"',i): out+='"';i+=2
        elif body.startswith('\\\\',i): out+='\\';i+=2
        elif body.startswith('\\n',i): out+='\n';i+=2
        elif body.startswith('\\u{',i):
            j=body.index('}',i); out+=chr(int(body[i+3:j],16)); i=j+1
        else:
            out+=body[i].replace('%','%%');i+=1
    return out
ctx_re=re.compile(r'(?:\b'+LABELS+r'\s*:\s*|\b'+FUNCS+r'\((?:[^()"]*,\s*)?|:\s*Phrase\s*=\s*|Phrase\s*=\s*switch[^{]*\{[^"]*|as Phrase|\?\s*|:\s+|\breturn\s+|=>\s*|\b(?:case [^:]*):\s*)$')
def block_end(src, open_brace):
    # the index of the brace closing the one at open_brace, skipping string literals
    depth=0; i=open_brace; n=len(src)
    while i<n:
        c=src[i]
        if c=='"':
            j=i+1
            while j<n and src[j]!='"':
                if src[j]=='\\': j+=1
                j+=1
            i=j+1; continue
        if c=='{': depth+=1
        elif c=='}':
            depth-=1
            if depth==0: return i
        i+=1
    return n

def phrase_keys(root):
    keys={}
    for p in sorted(glob.glob(root+'/Sources/**/*.swift',recursive=True)):
        src=open(p).read()
        prev_ok=False; prev_end=-100
        for (a,b,body,raw) in lit_keys(src):
            before=src[max(0,a-300):a]
            after=src[b:b+12]
            ok=False
            if re.search(r'\b'+LABELS+r'\s*:\s*(?:[^,()"]*\?\s*)?$', before): ok=True
            elif re.search(r'\b'+FUNCS+r'\((?:[^()"]|"(?:[^"\\]|\\.)*")*$', before): ok=True
            elif re.search(r':\s*Phrase\s*=\s*(?:[^"\n]*\?\s*)?$', before): ok=True
            elif after.startswith(' as Phrase'): ok=True
            elif prev_ok and re.fullmatch(r'\s*:\s*', src[prev_end:a] or 'x'): ok=True
            if not ok:
                start=max(src.rfind(marker,0,a) for marker in ('Phrase = switch','-> Phrase {',': Phrase {','Phrase) {'))
                if start>=0 and a < block_end(src, src.index('{', start)):
                    if True:
                        line=src[src.rfind('\n',0,a)+1:a]
                        if re.search(r'(case [^"]*:\s*$|:\s*$|^\s*$|\?\s*$|return\s+$|default:\s*$)',line): ok=True
            prev_ok, prev_end = ok, b
            if not ok: continue
            k=to_key(body,raw)
            if not re.search(r'[A-Za-z]{2}',k): continue
            keys.setdefault(k,set()).add(p.split('/')[-1])
    return keys

def catalogue_keys(root):
    """The keys of every catalogue file, and those written twice (a dictionary literal with a repeated key stops
    the program when it is first used)."""
    keys=set(); repeated=[]
    for name in ('Catalogue+Refusals.swift','Catalogue+Labels.swift','Catalogue+Web.swift','Catalogue+DataMatching.swift','Catalogue+JointWork.swift','Catalogue+Engines.swift'):
        text=open(root+'/Sources/WagecaseCore/Catalogue/'+name).read()
        own=set()
        for (a,b,body,raw) in lit_keys(text):
            if text[b:b+1]==':':
                key=to_key_plain(body,raw)
                if key in own or key in keys: repeated.append(key)
                own.add(key)
        keys|=own
    return keys, repeated

def to_key_plain(body,raw):
    # a catalogue key is written as the key itself (no interpolation): unescape only
    if raw: return body
    return body.encode().decode('unicode_escape').encode('latin-1').decode('utf-8') if '\\' in body else body

if __name__=='__main__':
    import os
    root=sys.argv[sys.argv.index('--root')+1] if '--root' in sys.argv else os.getcwd()
    found=phrase_keys(root)
    # The web pages' fixed words: [[English]] in every template.
    for path in sorted(glob.glob(root+'/Web/templates/*.mustache')):
        for words in re.findall(r'\[\[(.*?)\]\]', open(path).read()):
            found.setdefault(words.replace('%','%%'),set()).add(os.path.basename(path))
    if '--list' in sys.argv:
        json.dump({k:sorted(v) for k,v in sorted(found.items())},sys.stdout,ensure_ascii=False,indent=0); sys.exit(0)
    have,repeated=catalogue_keys(root)
    missing=sorted(k for k in found if k not in have)
    for k in missing: print('missing Chinese for', repr(k), 'in', ', '.join(sorted(found[k])))
    for k in repeated: print('written twice in the catalogue:', repr(k))
    sys.exit(1 if missing or repeated else 0)
