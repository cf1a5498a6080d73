# Sourced by the deploy scripts that run a tools module (deploy/tools, deploy/forecasting-tools,
# deploy/inventory-tools) from a plain classpath: the module's jar and its target/classpath.txt (its runtime
# dependencies, written by maven-dependency-plugin's build-classpath at package).

# tools_classpath DIR ARTIFACT: builds the module in DIR (and the modules it needs, in this reactor) when its jar
# DIR/target/ARTIFACT.jar, its classpath file or a jar named there is missing, then prints its classpath.
tools_classpath() {
  local dir=$1 name=$2 target=$1/target entry missing=""
  if [[ -f $target/$name.jar && -f $target/classpath.txt ]]; then
    IFS=: read -ra entries <"$target/classpath.txt"
    for entry in "${entries[@]}"; do
      [[ -e $entry ]] || { missing=1; break; }
    done
  else
    missing=1
  fi
  if [[ -n $missing ]]; then
    ./mvnw -B -q -DskipTests -pl "$dir" -am package >&2
  fi
  echo "$target/$name.jar:$(cat "$target/classpath.txt")"
}

# help_requested ARGS...: whether the command line only asks for help or the version, which needs no fresh build.
help_requested() {
  local arg
  for arg in "$@"; do
    case $arg in -h | --help | -V | --version) return 0 ;; esac
  done
  return 1
}
