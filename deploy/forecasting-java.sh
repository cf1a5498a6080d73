# Sourced by the offline forecasting scripts: builds deploy/forecasting-tools when missing, sets its classpath and
# how its JVM runs the native libraries (ND4J with one OpenMP thread; native access allowed explicitly on JDK 24 and
# later).
source deploy/java-tools.sh
classpath=$(tools_classpath deploy/forecasting-tools forecasting-tools)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
native_access=()
java_version=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if ((${java_version%%.*} >= 24)); then
  native_access=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
