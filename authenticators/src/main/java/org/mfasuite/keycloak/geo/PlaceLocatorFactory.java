package org.mfasuite.keycloak.geo;

import org.keycloak.provider.ProviderFactory;

public interface PlaceLocatorFactory extends ProviderFactory<PlaceLocator> {
}
