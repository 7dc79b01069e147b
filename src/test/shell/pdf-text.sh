#!/usr/bin/env bash
# The PDFs Plenary makes, read back with poppler's pdftotext as a delegate's search tool would:
# plain words (no ligature glyphs) and an Arabic name in logical order, in the registration
# confirmation, the visa-support letter and the hotel form.
#
# Starts a demo Plenary (target/plenary.jar) on a free loopback port; bob (whose account is France
# Telecom Orange's) registers under an Arabic name, focal approves, bob asks for visa support, tsb
# approves, and each PDF goes through pdftotext. `.ci/run` runs it after `mvn -B verify`.
#
# Usage: src/test/shell/pdf-text.sh     Exit status: 0 when every check passes, 1 otherwise.
# Port: the first free from CHECK_HTTP_PORT (18480; not http-clients.sh's 18380, as `.ci/run` runs them at once).
set -euo pipefail
# shellcheck source=../../../bench/lib.sh disable=SC1091
source "$(dirname "$0")/../../../bench/lib.sh"

need curl curl
need jq jq
need pdftotext poppler-utils
resolve_jar
PORT=""
free_port PORT "${CHECK_HTTP_PORT:-18480}"
P=http://127.0.0.1:$PORT
start_plenary "$PORT" "$BENCH_TMP/plenary" --plenary.ftp.port=0
CODE=$(upcoming_meeting "$P")
BOB=$(token "$P" bob bob-demo)
FOCAL=$(token "$P" focal focal-demo)
TSB=$(token "$P" tsb tsb-demo)
NAME="محمد عبدالله"
W=$BENCH_TMP/pdf
mkdir -p "$W"
api() { curl -sSf -H 'Content-Type: application/json' "$@"; }

REGISTRATION=$(api -H "Authorization: Bearer $BOB" \
  -d "{\"fullName\":\"$NAME\",\"email\":\"bob@example.org\",\"countryCode\":\"FR\",\"attendance\":\"IN_PERSON\"}" \
  "$P/api/v1/groups/cloud/meetings/$CODE/registrations" | jq -r .id)
api -X POST -H "Authorization: Bearer $FOCAL" "$P/api/v1/registrations/$REGISTRATION/approve" >/dev/null
api -H "Authorization: Bearer $BOB" -o "$W/confirmation.pdf" "$P/api/v1/registrations/$REGISTRATION/confirmation.pdf"
VISA=$(api -H "Authorization: Bearer $BOB" -d "{\"fullName\":\"$NAME\",\"birthDate\":\"1980-02-29\",\
\"birthPlace\":\"الرياض\",\"nationality\":\"Saudi\",\"passportNumber\":\"X1234567\",\"issuingCountry\":\"Saudi Arabia\",\
\"issuedOn\":\"2020-01-01\",\"expiresOn\":\"2036-01-01\",\"mission\":\"Embassy of Switzerland in Riyadh\"}" \
  "$P/api/v1/registrations/$REGISTRATION/visa" | jq -r .request.id)
api -X POST -H "Authorization: Bearer $TSB" "$P/api/v1/visa/$VISA/approve" >/dev/null
api -H "Authorization: Bearer $BOB" -o "$W/letter.pdf" "$P/api/v1/visa/$VISA/letter.pdf"
START=$(curl -sSf "$P/api/v1/groups/cloud/meetings/$CODE" | jq -r .startDate)
HOTEL=$(curl -sSf "$P/api/v1/groups/cloud/meetings/$CODE" | jq -r '.hotels[0].id')
api -o "$W/hotel.pdf" -d "{\"hotel\":$HOTEL,\"room\":\"SINGLE\",\"rooms\":1,\"arrival\":\"$START\",\
\"departure\":\"$(date -d "$START + 3 days" +%F)\",\"familyName\":\"عبدالله\",\"firstName\":\"محمد\",\
\"address\":\"شارع الملك فهد، الرياض\",\"email\":\"m@example.org\"}" "$P/api/v1/groups/cloud/meetings/$CODE/hotel-form"

FAILED=0
check() {
  local what=$1 file=$2 word=$3
  if pdftotext "$W/$file" - | grep -qF -- "$word"; then
    echo "  ok    $what"
  else
    echo "  FAIL  $what"
    pdftotext "$W/$file" - | head -n 12 | sed 's/^/        /'
    FAILED=1
  fi
}
no_ligatures() {
  local found=0
  pdftotext "$W/$1" - >"$W/$1.txt"
  LC_ALL=C.UTF-8 grep -qP '[\x{FB00}-\x{FDFF}\x{FE70}-\x{FEFF}]' "$W/$1.txt" || found=$?
  case $found in
    0) echo "  FAIL  $1 has ligature or presentation-form glyphs"; FAILED=1 ;;
    1) echo "  ok    $1 has no ligature or presentation-form glyphs" ;;
    *) echo "  FAIL  $1 could not be searched for ligatures (grep exit $found)"; FAILED=1 ;;
  esac
}

echo "$(pdftotext -v 2>&1 | head -n 1); meeting $CODE"
check "the confirmation says 'confirmation'" confirmation.pdf "confirmation"
check "the confirmation names $NAME" confirmation.pdf "$NAME"
check "the visa letter says 'confirms'" letter.pdf "confirms that the person named"
check "the visa letter names $NAME" letter.pdf "$NAME"
check "the visa letter's verification link is readable" letter.pdf "/visa/verify?reference=$(echo "$CODE" | tr a-z A-Z)-V-"
check "the hotel form says 'confirmation'" hotel.pdf "This confirmation form should be sent direct to the hotel"
check "the hotel form has the Arabic address" hotel.pdf "شارع الملك فهد"
for file in confirmation.pdf letter.pdf hotel.pdf; do no_ligatures "$file"; done

if [ "$FAILED" = 0 ]; then echo "every PDF text check passed"; else echo "some PDF text checks FAILED"; fi
exit "$FAILED"
