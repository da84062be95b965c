package apptest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"vanthu/signing"
)

// SignerName is the common name of the certificate of TestP12.
const SignerName = "Nguyễn Văn Thử"

// TestP12 makes a self-signed signing certificate valid for a day and returns it as a
// PKCS#12 file protected by password, as an agency's signing file would be (without its CA).
func TestP12(tb testing.TB, password string) []byte {
	tb.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2026),
		Subject:      pkix.Name{CommonName: SignerName, Organization: []string{"UBND tỉnh Thanh Hoá"}, Country: []string{"VN"}},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	p12, err := pkcs12.Modern.Encode(key, cert, nil, password)
	if err != nil {
		tb.Fatal(err)
	}
	return p12
}

// Signer loads TestP12 as the signing package does a configured file.
func Signer(tb testing.TB) *signing.Signer {
	tb.Helper()
	s, err := signing.Load(TestP12(tb, "mat-khau"), "mat-khau")
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
