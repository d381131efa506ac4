# columns.awk: read a data file's columns by the names of its "# columns:"
# line, never by number.  Put in front of an awk program:
#   awk "$(cat figures/columns.awk)"'PROGRAM' FILE
# then colval("q") is the field of column q in the current row (the file's
# columns are tab-separated and hold no blanks, so any FS gives the same
# fields).  The header line itself goes on to the program; a missing
# column stops awk with status 3 and a message naming the file.
/^# columns:/ {
  colhdr_ = $0; sub(/^# columns: */, "", colhdr_); ncol_ = split(colhdr_, colname_, " ")
  for (coli_ = 1; coli_ <= ncol_; coli_++) colnum_[colname_[coli_]] = coli_
}
function colval(name) {
  if (!(name in colnum_)) { print "no column " name " in " FILENAME > "/dev/stderr"; exit 3 }
  return $(colnum_[name])
}
