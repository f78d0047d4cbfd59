#!/usr/bin/env bash
# What can be checked of the Swift package without a Swift compiler (there is none on this project's
# machines), run by scripts/test-kotlin.sh after the freshness check of generated/:
#  1. every type, protocol and enum case swift/URLSessionTransport.swift uses from the bindings is
#     declared in generated/swift/OnfidoCore.swift (names from Swift and Foundation are listed below);
#  2. it implements the generated protocols' requirements with their exact signatures;
#  3. its calls of generated initialisers and enum cases use the declared argument labels, in order;
#  4. every ClientConfig property it reads exists;
#  5. every file Package.swift names exists, and build-xcframework.sh makes the XCFramework the
#     binaryTarget points at.
# Usage: scripts/check-swift.sh   (CHECK_SWIFT_VERBOSE=1 also lists the calls whose labels it checked)
set -euo pipefail
crate="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
generated="$crate/generated/swift/OnfidoCore.swift"
transport="$crate/swift/URLSessionTransport.swift"
package="$crate/Package.swift"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Code only: comments dropped (`//` to the end of the line; the hand-written file has no `/*`).
code() { sed -e 's://.*$::' "$1"; }

# 1. Capitalised names the hand-written file uses, less its own declarations and the platform's.
platform="Foundation FoundationNetworking Data URL URLError URLRequest URLResponse HTTPURLResponse URLSession
URLSessionConfiguration URLSessionTask URLSessionTaskDelegate NSObject Sendable TimeInterval Task String
Int Int32 Int64 UInt64 Bool Error"
declared_here="$(code "$transport" | sed -n 's/.*\(class\|struct\|enum\|protocol\|extension\) \([A-Z][A-Za-z0-9]*\).*/\2/p' | sort -u)"
used="$(code "$transport" | grep -v '^\s*import ' | sed -e 's/"[^"]*"//g' | grep -o '\b[A-Z][A-Za-z0-9]*\b' | sort -u)"
checked=0
for name in $used; do
  if grep -qx "$name" <<<"$declared_here" && [ "$name" != OnfidoClient ]; then continue; fi
  if grep -qw "$name" <<<"$platform"; then continue; fi
  checked=$((checked + 1))
  # `public` and an enum's declaration can be on two lines (`public` then `enum TransportError: …`).
  grep -Eq "^(public |open )?(final )?(struct|class|protocol|enum) $name\b|^\s*case $name\(" "$generated" ||
    fail "URLSessionTransport.swift uses $name, which generated/swift/OnfidoCore.swift does not declare"
done

# 2. Each generated protocol the file conforms to: its requirements, as declared, implemented here.
for protocol in $(code "$transport" | sed -n 's/.*class [A-Za-z]*: \([A-Za-z]*\),.*/\1/p'); do
  grep -q "^public protocol $protocol\b" "$generated" || continue
  requirements="$(sed -n "/^public protocol $protocol\b/,/^}/p" "$generated" | grep -E '^\s*func ' | sed -e 's/^\s*//' -e 's/\s\+/ /g' -e 's/ $//')"
  [ -n "$requirements" ] || fail "no requirements found for protocol $protocol"
  while IFS= read -r requirement; do
    [ -z "$requirement" ] && continue
    checked=$((checked + 1))
    code "$transport" | sed -e 's/\s\+/ /g' | grep -qF "public $requirement" ||
      fail "$protocol requires '$requirement', which URLSessionTransport.swift does not implement as declared"
  done <<<"$requirements"
done

# 3. Calls of generated initialisers and enum cases (`HttpHeader(name:value:)`,
#    `TransportError.Timeout(reason:)`, `OnfidoClient(config:transport:sleeper:)`): the argument
#    labels, in order, as declared (defaulted trailing parameters may be left out).
labels_checked="$(perl -0777 -e '
  my ($gen, $own) = map { local $/; open my $f, "<", $_ or die "$_: $!"; <$f> } @ARGV;
  $gen =~ s{/\*\*.*?\*/}{}gs;                       # doc comments sit between the labels
  $own =~ s{//[^\n]*}{}g;
  my $balanced; $balanced = qr/\((?:[^()]++|(??{$balanced}))*\)/;
  my %decl;                                           # "Type" or "Type.Case" => [labels with defaults]
  # Each declaration up to its own initialiser, never into the next type.
  while ($gen =~ /^public struct (\w+)\b(?:(?!^public struct ).)*?\n    public init($balanced)/gms) { my ($t, $p) = ($1, $2); $decl{$t} = $p }
  while ($gen =~ /^open class (\w+)\b(?:(?!^open class ).)*?public convenience init($balanced)/gms) { my ($t, $p) = ($1, $2); $decl{$t} = $p }
  while ($gen =~ /^enum (\w+)\b(.*?)^}/gms) {
    my ($e, $body) = ($1, $2);
    while ($body =~ /^\s*case (\w+)($balanced)/gm) { my ($c, $p) = ($1, $2); $decl{"$e.$c"} = $p }
  }
  my ($n, $bad) = (0, 0);
  while ($own =~ /\b([A-Z]\w*(?:\.[A-Z]\w*)?)($balanced)/g) {
    my ($name, $args) = ($1, $2);
    next unless exists $decl{$name};
    my $top = substr($args, 1, -1); 1 while $top =~ s/$balanced//g;
    my @used = $top =~ /(?:^|,)\s*(\w+):/g;
    my @params = map { [/^\s*(\w+)\s*:/, /=/ ? 1 : 0] } split /,(?![^\[]*\])/, substr($decl{$name}, 1, -1);
    my @want = map { $_->[0] } @params;
    my $i = 0; my $ok = 1;
    for my $p (@params) { if ($i < @used && $used[$i] eq $p->[0]) { $i++ } elsif (!$p->[1]) { $ok = 0 } }
    $ok &&= $i == @used;
    $n++; print STDERR "call $name(" . join(":", @used) . ":)\n" if $ENV{CHECK_SWIFT_VERBOSE};
    unless ($ok) { $bad++; print STDERR "FAIL: $name(" . join(":", @used) . ":) does not match the generated $name(" . join(":", @want) . ":)\n" }
  }
  print "$n $bad\n";
' "$generated" "$transport")"
read -r label_calls label_bad <<<"$labels_checked"
[ "$label_calls" -gt 0 ] || fail "found no calls of generated initialisers in URLSessionTransport.swift"
checked=$((checked + label_calls))
[ "$label_bad" -eq 0 ] || failures=$((failures + label_bad))

# 4. ClientConfig properties read or written.
config_fields="$(sed -n '/^public struct ClientConfig\b/,/^}/p' "$generated" | sed -n 's/^\s*public var \([A-Za-z0-9]*\):.*/\1/p')"
for field in $(code "$transport" | grep -o '\bconfig\.[a-zA-Z0-9]*' | cut -d. -f2 | sort -u); do
  checked=$((checked + 1))
  grep -qx "$field" <<<"$config_fields" || fail "ClientConfig has no property $field"
done

# 5. Package.swift: the sources exist; the binaryTarget is what build-xcframework.sh makes.
for file in $(sed -n 's/.*"\([^"]*\.\(swift\|h\|modulemap\)\)".*/\1/p' "$package" | grep -v '^Package.swift$'); do
  checked=$((checked + 1))
  [ -f "$crate/$file" ] || fail "Package.swift names $file, which does not exist"
done
# The generated resource properties (swift/V3Resources.swift: `client.applicants`; swift/V2Resources.swift:
# `client.v2.applicants`): each names a resource class and an accessor the generated bindings declare.
for resources in "$crate/swift/V3Resources.swift" "$crate/swift/V2Resources.swift"; do
  file="$(basename "$resources")"
  found=0
  while read -r type accessor; do
    checked=$((checked + 1))
    found=$((found + 1))
    grep -Eq "^open class $type\b" "$generated" || fail "$file uses $type, which generated/swift/OnfidoCore.swift does not declare"
    grep -Eq "^open func $accessor\(\) -> $type\b" "$generated" || fail "$file calls $accessor(), which OnfidoClient does not declare as returning $type"
  done < <(sed -n 's/^ *\(public \)\{0,1\}var [A-Za-z0-9]*: \([A-Za-z0-9]*\) { \(client\.\)\{0,1\}\([A-Za-z0-9]*\)() }$/\2 \4/p' "$resources")
  [ "$found" -gt 0 ] || fail "$file: no resource properties found"
done

# The v2 rules (swift/V2Rules.swift): each function it calls is declared with the labels it uses,
# on the record it extends.
rules="$crate/swift/V2Rules.swift"
found=0
while read -r function label; do
  checked=$((checked + 1))
  found=$((found + 1))
  grep -Eq "^public func $function\($label: " "$generated" || fail "V2Rules.swift calls $function($label:), which generated/swift/OnfidoCore.swift does not declare"
done < <(code "$rules" | grep -o '\b[a-z][A-Za-z0-9]*([a-z][A-Za-z]*: ' | sed 's/(\([a-zA-Z]*\): $/ \1/' | sort -u)
[ "$found" -gt 0 ] || fail "V2Rules.swift: no calls found"
while read -r record; do
  checked=$((checked + 1))
  grep -Eq "^public struct $record\b" "$generated" || fail "V2Rules.swift extends $record, which generated/swift/OnfidoCore.swift does not declare"
done < <(code "$rules" | sed -n 's/^public extension \([A-Za-z0-9]*\) {$/\1/p')

xcframework="$(sed -n 's/.*path: "\([^"]*\.xcframework\)".*/\1/p' "$package")"
[ -n "$xcframework" ] || fail "Package.swift has no binaryTarget path ending in .xcframework"
grep -q "$(basename "$xcframework")" "$crate/scripts/build-xcframework.sh" ||
  fail "build-xcframework.sh does not make $xcframework"
grep -q 'name: "OnfidoCoreFFI"' "$package" || fail "Package.swift's binaryTarget is not OnfidoCoreFFI (the module the generated Swift imports)"
grep -q '^module OnfidoCoreFFI\b' "$crate/generated/swift/OnfidoCoreFFI.modulemap" || fail "the module map does not declare OnfidoCoreFFI"

if [ "$failures" -gt 0 ]; then
  echo "swift: $failures of $checked checks failed" >&2
  exit 1
fi
echo "swift: $checked checks passed (names, protocol signatures, argument labels, ClientConfig properties, v3 and v2 resource properties, v2 rules, Package.swift files; not compiled: no Swift toolchain here)"
