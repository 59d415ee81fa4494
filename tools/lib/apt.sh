# shellcheck shell=bash
# Installs the Debian packages listed in tools/apt-packages.txt. Sourced by ./voicebot and .ci/run.

# Prints the package names of a list file: one per line, '#' comments and blank lines skipped.
listed_packages() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' "$1" | grep -v '^$' || true
}

# Installs the listed packages that are missing, through apt-get when running as root. Fails with
# the command to run when packages are missing and cannot be installed from here.
ensure_packages() {
  local list_file=$1 package missing=()
  [[ -f $list_file ]] || return 0
  while IFS= read -r package; do
    if [[ $(dpkg-query -W -f='${Status}' "$package" 2>/dev/null) != "install ok installed" ]]; then
      missing+=("$package")
    fi
  done < <(listed_packages "$list_file")
  ((${#missing[@]} == 0)) && return 0

  if ! command -v apt-get >/dev/null; then
    echo "error: these Debian packages are needed but this system has no apt-get: ${missing[*]}" >&2
    return 1
  fi
  if ((EUID != 0)); then
    echo "error: missing packages; install them with: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
