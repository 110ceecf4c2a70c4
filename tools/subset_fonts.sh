#!/usr/bin/env bash
# Regenerates briefing/fonts/ from Debian's fonts-noto-core (run by hand, rarely;
# the results are committed so that building a brief never needs the host's fonts).
# Needs: apt-get install fonts-noto-core; pip install 'fonttools[woff]'.
set -euo pipefail
src=/usr/share/fonts/truetype/noto
out=$(dirname "$0")/../briefing/fonts
latin="U+0000-024F,U+0259,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+2215,U+25A0-25FF,U+FB00-FB06,U+FEFF,U+FFFD"
hebrew="U+0000-0040,U+0590-05FF,U+200C-200F,U+2010-2027,U+FB1D-FB4F"
arabic="U+0000-0040,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+2010-2027,U+FB50-FDFF,U+FE70-FEFF"
subset() {  # font unicodes
  for flavor in ttf woff2; do
    extra=(); [ "$flavor" = woff2 ] && extra=(--flavor=woff2)
    pyftsubset "$src/$1.ttf" --unicodes="$2" --layout-features='*' --no-hinting \
      "${extra[@]}" --output-file="$out/$1.$flavor"
  done
}
for face in NotoSerif-{Regular,Bold,Italic,BoldItalic} NotoSans-{Regular,Bold,Italic,BoldItalic}; do
  subset "$face" "$latin"
done
for face in NotoNaskhArabic-{Regular,Bold}; do
  subset "$face" "$arabic"
done
for face in NotoSerifHebrew-{Regular,Bold} NotoSansHebrew-{Regular,Bold}; do
  subset "$face" "$hebrew"
done
