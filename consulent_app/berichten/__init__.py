"""iWmo / iJw 3.2 message traffic with providers through the GGk: building, reading and checking messages.

No Qt, no database: data in, bytes out (and back). The use cases that store, queue and answer messages live in
`consulent_app.services.berichten`.

* `soorten`  : every message kind the product knows (WMO301 ... JW320), its XSD, namespace and BerichtCode;
* `xsd`      : validation against the XSDs shipped in resources/istandaarden;
* `envelop`  : the StUF-GGk 0310 envelope (Di01 heenbericht, Du01 retour), payload base64;
* `bouw`     : builders of what the municipality sends: 301 toewijzing, 319 antwoord, the retours 306/308/316/318;
* `lees`     : readers of what providers send (305, 307, 315, 317, the retours 302/320) and the registry of
               readers (`LEZERS`) where a new kind (e.g. the 323 declaratie) is added;
* `regels`   : the iStandaarden rules (CS/CD constraints, TR rules) checked before a message leaves, and the
               Dutch texts of the retour codes (WJ001).
"""
