#!/bin/sh
# Fails when a translatable string has no zh_CN translation, when a file with
# translatable strings is missing from POTFILES.in, or when POTFILES.in is
# not sorted.
set -eu

top=${1:?usage: check-translations.sh SOURCE_ROOT}
cd "$top"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0

grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$tmp/listed"
if ! LC_ALL=C sort -c "$tmp/listed" 2>/dev/null; then
  echo "po/POTFILES.in is not sorted" >&2
  status=1
fi

# Files that hold translatable strings.
{
  grep -rlE '\b(N_|_|C_|NC_|ngettext)[[:space:]]*\(' src --include='*.c' || true
  grep -rl 'translatable="yes"' src data --include='*.ui' || true
  grep -rlE '<(summary|description)>' data --include='*.gschema.xml.in' || true
  find data -name '*.desktop.in' -o -name '*.metainfo.xml.in' 2>/dev/null || true
} | LC_ALL=C sort -u > "$tmp/found"

missing=$(LC_ALL=C comm -23 "$tmp/found" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings that are not in po/POTFILES.in:" >&2
  echo "$missing" >&2
  status=1
fi

while read -r f; do
  [ -e "$f" ] || { echo "po/POTFILES.in lists a file that does not exist: $f" >&2; status=1; }
done < "$tmp/listed"

xgettext --from-code=UTF-8 --add-comments --directory="$top" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --files-from="$tmp/listed" --output="$tmp/kindling.pot" 2>"$tmp/xgettext.err" || {
    # Older gettext without that ITS file: retry without it.
    xgettext --from-code=UTF-8 --directory="$top" \
      --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
      --files-from="$tmp/listed" --output="$tmp/kindling.pot"
  }

for lang in $(grep -v '^#' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$po is missing" >&2
    status=1
    continue
  fi
  msgfmt --check --output-file=/dev/null "$po" || status=1
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$po" "$tmp/kindling.pot"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when it prints anything.
  if [ "$untranslated" -gt 0 ]; then
    echo "$po: strings without a translation:" >&2
    msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" | grep -A1 '^msgid ' | grep -v '^--' >&2
    status=1
  fi
  if [ "$fuzzy" -gt 0 ]; then
    echo "$po: fuzzy translations:" >&2
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" | grep '^msgid ' >&2
    status=1
  fi
done

exit $status
