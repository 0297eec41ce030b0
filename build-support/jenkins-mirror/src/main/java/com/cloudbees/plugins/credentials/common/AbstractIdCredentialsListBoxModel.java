package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.bakehouse.jenkinsmirror.Mirror;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {

    private static final long serialVersionUID = 1L;

    protected abstract String describe(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw Mirror.unsupported();
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, Item context,
                                                          Class<? extends C> type,
                                                          List<DomainRequirement> domainRequirements) {
        throw Mirror.unsupported();
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        throw Mirror.unsupported();
    }
}
