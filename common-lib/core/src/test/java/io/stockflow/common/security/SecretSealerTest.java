package io.stockflow.common.security;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealerTest {

    private final SecretSealer sealer = new SecretSealer(aesKey((byte) 1));
    private final byte[] secret = "PKCS#8 bytes of a private key".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedKeysOpenWithTheSameKeyAndKeyIdOnly() throws Exception {
        byte[] sealed = sealer.seal("kid-1", secret);
        assertThat(sealed).hasSize(12 + secret.length + 16); // nonce, ciphertext, tag
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key");
        assertThat(sealer.open("kid-1", sealed)).isEqualTo(secret);
        assertThat(sealer.seal("kid-1", secret)).isNotEqualTo(sealed); // a fresh nonce every time

        assertThatThrownBy(() -> sealer.open("kid-2", sealed)).isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> new SecretSealer(aesKey((byte) 2)).open("kid-1", sealed))
                .isInstanceOf(AEADBadTagException.class);
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[20] ^= 1;
        assertThatThrownBy(() -> sealer.open("kid-1", tampered)).isInstanceOf(AEADBadTagException.class);
    }

    private static SecretKeySpec aesKey(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return new SecretKeySpec(key, "AES");
    }
}
