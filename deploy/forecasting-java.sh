# Sourced by the offline forecasting scripts: builds the service jar when missing and sets how its JVM runs the
# native libraries (ND4J with one OpenMP thread; native access allowed explicitly on JDK 24 and later).
jar=forecasting-service/target/forecasting-service.jar
if [[ ! -f $jar ]]; then
  ./mvnw -B -q -DskipTests -pl forecasting-service -am package >&2
fi
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
native_access=()
java_version=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if ((${java_version%%.*} >= 24)); then
  native_access=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
