package io.bakehouse.engine.site;

import java.nio.file.Path;

/**
 * A file of the built site.
 *
 * @param path    its path relative to {@code dir}, with {@code /} between folders: the key after the prefix
 * @param file    where it is on this machine
 * @param size    its length in bytes
 * @param md5     its MD5, hex: what S3 gives as the ETag of an object written in one request (unencrypted or SSE-S3)
 * @param sha256  its SHA-256, base64: the checksum S3 keeps with every object this step writes
 */
record SiteFile(String path, Path file, long size, String md5, String sha256) {
}
