package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import io.bakehouse.jenkinsmirror.Mirror;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {

    private static final long serialVersionUID = 1L;

    public FilePath(VirtualChannel channel, String remote) {
        throw Mirror.unsupported();
    }

    public FilePath(File localPath) {
        throw Mirror.unsupported();
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public VirtualChannel getChannel() {
        throw Mirror.unsupported();
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        throw Mirror.unsupported();
    }

}
